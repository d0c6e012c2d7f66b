import { EblStatus } from '../../../../libs/contracts/src/ledger';
import { ImportOrigin, importOriginProblem } from './ebl-import-origin';
import { EblState } from './ebl-state';

const origin: ImportOrigin = {
  transportDocumentReference: 'PJ-0001',
  documentChecksum: 'a1'.repeat(32),
  isToOrder: true,
  senderMspId: 'Org1MSP',
  receivingPlatform: 'PJB',
  sender: `PJA:${'e1'.repeat(32)}`,
};

/** The sender's record once its holder has started the export to PJB. */
const sent: EblState = {
  transportDocumentReference: 'PJ-0001',
  platform: 'Org1MSP',
  documentChecksum: 'a1'.repeat(32),
  isToOrder: true,
  status: EblStatus.exportPending,
  issuer: 'Org1MSP::carrier',
  holder: 'Org1MSP::shipper',
  possessor: 'Org1MSP::shipper',
  endorsee: 'Org1MSP::shipper',
  blankEndorsed: false,
  endorseeMayEndorse: true,
  exportedTo: '{"eblPlatform":"PJB","partyName":"Hamburg Grain Trading"}',
  exportEnvelopeChecksum: 'e1'.repeat(32),
  chain: [],
  lastTxId: 'tx',
  updatedAt: '2026-12-05T10:00:00.000Z',
};

describe('importOriginProblem: the sender on the channel must be exporting the document to us', () => {
  it('accepts a record EXPORT_PENDING to our platform code, for the same document', () => {
    expect(importOriginProblem(origin, sent)).toBeUndefined();
  });

  it.each<[string, EblState | undefined, RegExp]>([
    ['no record', undefined, /has no record on Org1MSP/],
    ['a record still ISSUED', { ...sent, status: EblStatus.issued }, /is ISSUED on Org1MSP/],
    ['a completed export', { ...sent, status: EblStatus.exported }, /is EXPORTED on Org1MSP/],
    [
      'an export to another platform',
      { ...sent, exportedTo: '{"eblPlatform":"WAVE"}' },
      /to WAVE, not to PJB/,
    ],
    [
      'an export naming no platform',
      { ...sent, exportedTo: 'PJB' },
      /to an unnamed platform, not to PJB/,
    ],
    ['another document', { ...sent, documentChecksum: 'b2'.repeat(32) }, /another document/],
    ['a straight bill sent as an order bill', { ...sent, isToOrder: false }, /another document/],
    [
      'an envelope other than the one the export is bound to',
      { ...sent, exportEnvelopeChecksum: 'f2'.repeat(32) },
      /with another envelope than this one/,
    ],
  ])('refuses %s', (_case, record, problem) => {
    expect(importOriginProblem(origin, record)).toMatch(problem);
  });
});
