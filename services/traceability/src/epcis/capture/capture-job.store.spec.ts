import { EntityManager } from 'typeorm';
import { CaptureJobStore } from './capture-job.store';

/** A manager that answers every query with `rows` and keeps what it was asked. */
function managerAnswering(rows: unknown[] = []) {
  const query = jest.fn<Promise<unknown[]>, [string, unknown[]?]>(() => Promise.resolve(rows));
  return { manager: { query } as unknown as EntityManager, query };
}

describe('CaptureJobStore', () => {
  const createdAt = new Date('2026-03-01T08:00:00Z');
  const finishedAt = new Date('2026-03-01T08:00:01Z');
  const errors = [{ eventIndex: 2, pointer: '/epcisBody/eventList/2/eventTime', detail: 'late' }];

  it('opens a job with nothing captured yet and its errors as JSON', async () => {
    const { manager, query } = managerAnswering();
    await new CaptureJobStore(manager).open({
      captureId: 'job-1',
      errorBehaviour: 'proceed',
      success: false,
      eventCount: 5,
      duplicateCount: 1,
      errors,
      createdAt,
      finishedAt,
      capturingOrganisation: 'Org1MSP',
    });
    const [sql, parameters] = query.mock.calls[0] ?? [];
    expect(sql).toMatch(/INSERT INTO capture_job .* VALUES \(\$1, \$2, \$3, \$4, 0, \$5/s);
    expect(parameters).toEqual([
      'job-1',
      'proceed',
      false,
      5,
      1,
      JSON.stringify(errors),
      createdAt,
      finishedAt,
      'Org1MSP',
    ]);
  });

  it('records the counts of the job it names', async () => {
    const { manager, query } = managerAnswering();
    await new CaptureJobStore(manager).recordCounts('job-1', {
      capturedCount: 3,
      duplicateCount: 2,
    });
    expect(query.mock.calls[0]?.[0]).toMatch(/^UPDATE capture_job .* WHERE capture_id = \$1$/s);
    expect(query.mock.calls[0]?.[1]).toEqual(['job-1', 3, 2]);
  });

  it('reads a job back as the record it was written from', async () => {
    const { manager } = managerAnswering([
      {
        capture_id: 'job-1',
        error_behaviour: 'rollback',
        success: false,
        event_count: 5,
        captured_count: 0,
        duplicate_count: 1,
        errors,
        created_at: createdAt,
        finished_at: finishedAt,
        capturing_organisation: 'Org1MSP',
      },
    ]);
    expect(await new CaptureJobStore(manager).find('job-1', 'Org1MSP')).toEqual({
      captureId: 'job-1',
      errorBehaviour: 'rollback',
      success: false,
      eventCount: 5,
      capturedCount: 0,
      duplicateCount: 1,
      errors,
      createdAt,
      finishedAt,
      capturingOrganisation: 'Org1MSP',
    });
  });

  it('finds no job for an unknown capture id, or for another organisation', async () => {
    const { manager } = managerAnswering([]);
    expect(await new CaptureJobStore(manager).find('unknown', 'Org1MSP')).toBeUndefined();
  });
});
