import { EblRecord, EblStatus } from '@pujiang/contracts';
import { EXPORT_COMMIT_GRACE_MS, QueuedEnvelope, judgeQueuedEnvelope } from './export-binding';

const BOUND = 'e1'.repeat(32);
const QUEUED_AT = Date.parse('2026-11-23T08:00:00Z');
const envelope: QueuedEnvelope = {
  reference: 'MAEU-PI-0001',
  receivingPlatform: 'WAVE',
  lastEntryChecksum: BOUND,
  queuedAt: new Date(QUEUED_AT).toISOString(),
};

function record(status: EblStatus, overrides: Partial<EblRecord> = {}): EblRecord {
  return {
    transportDocumentReference: envelope.reference,
    platform: 'Org1MSP',
    documentChecksum: 'a1'.repeat(32),
    isToOrder: true,
    status,
    issuer: 'Org1MSP::carrier',
    holder: 'Org1MSP::shipper',
    possessor: 'Org1MSP::shipper',
    endorsee: 'Org1MSP::shipper',
    blankEndorsed: false,
    endorseeMayEndorse: true,
    chain: [],
    lastTxId: 'tx',
    updatedAt: '2026-11-23T08:00:00Z',
    ...overrides,
  };
}

const pending = (overrides: Partial<EblRecord> = {}) =>
  record(EblStatus.exportPending, {
    exportedTo: '{"eblPlatform":"WAVE","partyName":"Receiver Ltd"}',
    exportEnvelopeChecksum: BOUND,
    ...overrides,
  });

describe('judgeQueuedEnvelope: only the envelope EXPORT bound leaves', () => {
  it('sends the bound envelope while its export is pending', () => {
    expect(judgeQueuedEnvelope(pending(), envelope, QUEUED_AT)).toBe('send');
  });

  it.each([
    ['another envelope is bound', pending({ exportEnvelopeChecksum: 'f2'.repeat(32) })],
    ['another platform is named', pending({ exportedTo: '{"eblPlatform":"PJB"}' })],
    ['the recipient is unreadable', pending({ exportedTo: 'WAVE' })],
    ['the export is done', pending({ status: EblStatus.exported })],
    ['the document is surrendered', record(EblStatus.surrendered)],
    ['the document is unknown', undefined],
  ])('drops it when %s', (_case, ledger) => {
    expect(judgeQueuedEnvelope(ledger, envelope, QUEUED_AT)).toEqual({
      drop: expect.stringContaining(envelope.reference) as unknown,
    });
  });

  it('sends the one envelope of an export started before EXPORT bound envelopes', () => {
    const legacy = pending({ exportEnvelopeChecksum: undefined });
    expect(judgeQueuedEnvelope(legacy, envelope, QUEUED_AT)).toBe('send');
  });

  it('waits while an ISSUED record may still become its export, then gives up', () => {
    const issued = record(EblStatus.issued);
    expect(judgeQueuedEnvelope(issued, envelope, QUEUED_AT + EXPORT_COMMIT_GRACE_MS - 1)).toBe(
      'wait',
    );
    expect(judgeQueuedEnvelope(issued, envelope, QUEUED_AT + EXPORT_COMMIT_GRACE_MS)).toEqual({
      drop: `nothing to send: ${envelope.reference} is ISSUED`,
    });
  });
});
