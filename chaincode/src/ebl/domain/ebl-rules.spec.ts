import { EblAction, EblStatus, LedgerRole } from '../../../../libs/contracts/src/ledger';
import { decideAct, hasRole } from './ebl-rules';
import { EblState } from './ebl-state';
import { Invoker } from '../../domain/invoker';
import { invoker } from '../../testing/people';

const STAMP = { txId: 'tx-9', at: '2026-11-23T09:00:00.000Z' };
const ISSUER = 'Org1MSP::carrier';
const SHIPPER = 'Org1MSP::shipper';

function record(overrides: Partial<EblState> = {}): EblState {
  return {
    transportDocumentReference: 'BL1',
    platform: 'Org1MSP',
    documentChecksum: 'a'.repeat(64),
    isToOrder: true,
    status: EblStatus.issued,
    issuer: ISSUER,
    holder: SHIPPER,
    possessor: SHIPPER,
    endorsee: SHIPPER,
    endorseeMayEndorse: true,
    blankEndorsed: false,
    chain: [],
    lastTxId: 'tx-1',
    updatedAt: '2026-11-23T08:00:00.000Z',
    ...overrides,
  };
}

const act =
  (state: EblState, who: Invoker, action: string, recipient = '', detail = '') =>
  () =>
    decideAct(state, who, { action, recipient, detail }, STAMP);

describe('eBL rules (pure)', () => {
  it('checks the action before the status, the status before the role, the role before the rules', () => {
    const stranger = invoker('Org1MSP::stranger');
    const straight = record({ isToOrder: false });

    expect(act(straight, stranger, 'GIFT')).toThrow(/^INVALID_ARGUMENT: /);
    expect(act(straight, stranger, EblAction.void)).toThrow(/^INVALID_STATE: /);
    expect(act(straight, stranger, EblAction.endorse, 'x')).toThrow(/^FORBIDDEN: /);
    expect(act(straight, invoker(SHIPPER), EblAction.endorse, 'x')).toThrow(/^INVALID_STATE: /);
    expect(act(record(), invoker(SHIPPER), EblAction.endorse, 'x')).toThrow(/^INVALID_ARGUMENT: /);
  });

  it('stamps the chain entry and the record with the proposal, not a clock', () => {
    const next = decideAct(
      record(),
      invoker(SHIPPER),
      { action: 'SIGN', recipient: '', detail: '' },
      STAMP,
    );

    expect(next.chain).toEqual([{ action: 'SIGN', actor: SHIPPER, ...STAMP }]);
    expect([next.lastTxId, next.updatedAt]).toEqual([STAMP.txId, STAMP.at]);
  });

  it('gives the platform role only to the operator of the record’s own platform', () => {
    const operator = (party: string) => invoker(party, LedgerRole.platformOperator);
    expect(hasRole(record(), operator('Org1MSP::Platform'), 'PLATFORM')).toBe(true);
    expect(hasRole(record(), invoker('Org1MSP::Admin'), 'PLATFORM')).toBe(false);
    expect(hasRole(record(), invoker('Org1MSP::Insurer', LedgerRole.insurer), 'PLATFORM')).toBe(
      false,
    );
    expect(hasRole(record(), operator('Org2MSP::Platform'), 'PLATFORM')).toBe(false);
  });

  it('refuses SREJ on a surrender that does not say who surrendered', () => {
    const state = record({
      status: EblStatus.surrenderForDeliveryPending,
      holder: ISSUER,
      pending: { action: EblAction.surrenderForDelivery, recipient: ISSUER },
    });
    expect(act(state, invoker(ISSUER), EblAction.rejectSurrender)).toThrow(/^INVALID_STATE: /);
  });
});
