import { EblAction, EblChainEntry, EblRecord, EblStatus } from '@pujiang/contracts';
import { DcsaParty, endorsementChain } from './endorsement-chain';

const party = (name: string): DcsaParty => ({
  partyName: name,
  eblPlatform: 'PJA',
  identifyingCodes: [{ codeListProvider: 'PJA', partyCode: name.toUpperCase() }],
});
const named = (ledgerParty: string) => party(ledgerParty.split('::')[1] ?? ledgerParty);
const P = (name: string) => `Org1MSP::${name}`;
let tx = 0;
const entry = (
  action: EblChainEntry['action'],
  actor: string,
  recipient?: string,
): EblChainEntry => ({
  action,
  actor: P(actor),
  ...(recipient === undefined ? {} : { recipient: P(recipient) }),
  txId: `tx${++tx}`,
  at: `2026-11-2${tx % 10}T10:00:00.000Z`,
});

function record(chain: EblChainEntry[]): EblRecord {
  return {
    transportDocumentReference: 'REF1',
    platform: 'Org1MSP',
    documentChecksum: 'a'.repeat(64),
    isToOrder: true,
    status: EblStatus.issued,
    issuer: P('carrier'),
    holder: P('consignee'),
    possessor: P('consignee'),
    endorsee: P('consignee'),
    blankEndorsed: false,
    endorseeMayEndorse: false,
    chain,
    lastTxId: 'tx',
    updatedAt: '2026-11-25T10:00:00.000Z',
  };
}

describe('endorsementChain (the back of the bill)', () => {
  it('keeps accepted offers, drops refused ones and the platform steps around them', () => {
    const links = endorsementChain(
      record([
        entry('ISSUE', 'carrier', 'shipper'),
        entry(EblAction.transfer, 'shipper', 'forwarder'),
        entry(EblAction.rejectTransfer, 'forwarder'),
        entry(EblAction.endorseToOrder, 'shipper', 'bank'),
        entry(EblAction.acceptTransfer, 'bank'),
        entry(EblAction.sign, 'bank'),
        entry(EblAction.surrenderForDelivery, 'bank'),
        entry(EblAction.acceptSurrender, 'carrier'),
      ]),
      named,
    );
    expect(links.map((l) => [l.actionCode, l.actor.partyName, l.recipient.partyName])).toEqual([
      ['ISSUE', 'carrier', 'shipper'],
      ['ENDORSE_TO_ORDER', 'shipper', 'bank'],
      ['SIGN', 'bank', 'bank'],
      ['SURRENDER_FOR_DELIVERY', 'bank', 'carrier'],
      ['SURRENDERED', 'carrier', 'carrier'],
    ]);
  });

  it('names the ledger transaction of each link as its audit reference', () => {
    const issue = entry('ISSUE', 'carrier', 'shipper');
    const [link] = endorsementChain(record([issue]), named);
    expect(link).toMatchObject({ auditReference: issue.txId, actionDateTime: issue.at });
  });

  it('leaves a pending offer off the chain until it is accepted', () => {
    const links = endorsementChain(
      record([entry('ISSUE', 'carrier', 'shipper'), entry(EblAction.endorse, 'shipper', 'bank')]),
      named,
    );
    expect(links.map((l) => l.actionCode)).toEqual(['ISSUE']);
  });
});
