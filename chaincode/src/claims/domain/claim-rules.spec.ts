import { ClaimRecord, ClaimStatus, LedgerRole } from '../../../../libs/contracts/src/ledger';
import { Invoker } from '../../domain/invoker';
import { invoker } from '../../testing/people';
import { decideAct, hasRole } from './claim-rules';

const STAMP = { txId: 'tx-9', at: '2026-11-23T09:00:00.000Z' };
const CLAIMANT = 'Org2MSP::cargo-owner@org2.pujiang.test';
const SURVEYOR = 'Org1MSP::surveyor@org1.pujiang.test';

const INSURER = invoker('Org1MSP::Insurer@org1.pujiang.test', LedgerRole.insurer);

function record(overrides: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    claimId: '0b6a3c52-8f1e-4d7a-9b2c-3e4f5a6b7c8d',
    policyId: 'POL-1',
    insurerMsp: 'Org1MSP',
    claimant: CLAIMANT,
    peril: 'FIRE',
    lossDate: '2026-11-10',
    discoveredDate: '2026-11-10',
    place: 'CNSHA',
    containers: [],
    claimedAmount: '1000',
    currency: 'USD',
    status: ClaimStatus.underAssessment,
    paidAmount: '0',
    recoveredAmount: '0',
    duplicateMatches: 0,
    documents: [],
    history: [],
    notifiedAt: '2026-11-23T08:00:00.000Z',
    lastTxId: 'tx-1',
    updatedAt: '2026-11-23T08:00:00.000Z',
    ...overrides,
  };
}

const act =
  (state: ClaimRecord, who: Invoker, action: string, recipient = '', detail = '') =>
  () =>
    decideAct(state, who, { action, recipient, detail }, STAMP);

describe('claim rules (pure)', () => {
  it('checks the action before the status, the status before the role, the role before the rules', () => {
    const stranger = invoker('Org2MSP::forwarder@org2.pujiang.test');

    expect(act(record(), stranger, 'PAY_ME')).toThrow(/^INVALID_ARGUMENT: unknown action/);
    expect(act(record(), stranger, 'CLOSE')).toThrow(/^INVALID_STATE: /);
    expect(act(record(), stranger, 'APPROVE_PARTIALLY', '', 'lots')).toThrow(/^FORBIDDEN: /);
    expect(act(record(), INSURER, 'APPROVE_PARTIALLY', '', 'lots')).toThrow(/^INVALID_ARGUMENT: /);
  });

  it('stamps the history entry and the record with the proposal, not a clock', () => {
    const next = decideAct(
      record(),
      INSURER,
      { action: 'APPROVE', recipient: '', detail: '' },
      STAMP,
    );

    expect(next.history).toEqual([
      {
        action: 'APPROVE',
        actor: INSURER.party,
        from: 'UNDER_ASSESSMENT',
        to: 'APPROVED',
        amount: '1000',
        ...STAMP,
      },
    ]);
    expect([next.lastTxId, next.updatedAt]).toEqual([STAMP.txId, STAMP.at]);
  });

  it('gives the insurer role only to the insurer identity of the claim’s insurer MSP', () => {
    expect(hasRole(record(), INSURER, 'INSURER')).toBe(true);
    expect(hasRole(record(), invoker('Org1MSP::Admin@org1.pujiang.test'), 'INSURER')).toBe(false);
    const platform = invoker('Org1MSP::Platform@org1.pujiang.test', LedgerRole.platformOperator);
    expect(hasRole(record(), platform, 'INSURER')).toBe(false);
    const foreign = invoker('Org2MSP::Insurer@org2.pujiang.test', LedgerRole.insurer);
    expect(hasRole(record(), foreign, 'INSURER')).toBe(false);
  });

  it('gives the surveyor role only to the assigned party holding a surveyor certificate', () => {
    const assigned = record({ surveyor: SURVEYOR });
    expect(hasRole(assigned, invoker(SURVEYOR, LedgerRole.surveyor), 'SURVEYOR')).toBe(true);
    expect(hasRole(assigned, invoker(SURVEYOR), 'SURVEYOR')).toBe(false);
    const other = invoker('Org1MSP::other@org1.pujiang.test', LedgerRole.surveyor);
    expect(hasRole(assigned, other, 'SURVEYOR')).toBe(false);
  });

  it('gives the surveyor role to nobody until one is assigned', () => {
    const surveyor = invoker(SURVEYOR, LedgerRole.surveyor);
    expect(hasRole(record(), surveyor, 'SURVEYOR')).toBe(false);
    expect(hasRole(record({ surveyor: SURVEYOR }), surveyor, 'SURVEYOR')).toBe(true);
  });

  it('refuses a payment request on a record with no approval', () => {
    const state = record({ status: ClaimStatus.approved });
    expect(act(state, INSURER, 'REQUEST_PAYMENT', '', '10')).toThrow(
      'INVALID_STATE: no amount has been approved',
    );
  });
});
