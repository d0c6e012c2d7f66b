import { captureRecord, confirmsRecord } from './trace-record';

describe('captureRecord', () => {
  const at = new Date('2026-11-23T08:00:00Z');

  it('identifies the content, not its key order', () => {
    const a = captureRecord('id-1', 'harvest', { lot: 'L1', gtin: '09506000134352' }, at);
    const b = captureRecord('id-2', 'harvest', { gtin: '09506000134352', lot: 'L1' }, at);

    expect(a.digest).toBe(b.digest);
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the digest when any value changes', () => {
    const a = captureRecord('id-1', 'harvest', { lot: 'L1' }, at);
    const b = captureRecord('id-1', 'harvest', { lot: 'L2' }, at);

    expect(a.digest).not.toBe(b.digest);
  });

  it('accepts a confirmation only for the same digest', () => {
    const record = captureRecord('id-1', 'harvest', { lot: 'L1' }, at);

    expect(confirmsRecord(record, { digest: record.digest })).toBe(true);
    expect(confirmsRecord(record, { digest: '0'.repeat(64) })).toBe(false);
  });
});
