import {
  ClaimDocument,
  ClaimDocumentInput,
  ClaimDocumentKind,
  ClaimRecord,
  LedgerErrorCode,
} from '@pujiang/contracts';
import { LedgerRefusalError } from '@pujiang/ledger-client';
import { EntityManager } from 'typeorm';
import { ClaimStore } from '../claims/claim.store';
import { ClaimsLedger } from '../claims/claims-ledger';
import { ParametricClaims, TriggeredClaim } from './parametric-claims';

const CLAIM_ID = '0b9f7c1e-3d52-4c1a-9a55-1f0c2a7e9d10';
const EVIDENCE: ClaimDocumentInput = {
  kind: ClaimDocumentKind.other,
  sha256: 'ab'.repeat(32),
  name: 'arrival.json',
};

const triggered = {
  notice: { claimId: CLAIM_ID, policyId: 'policy-1', parametric: { triggerId: 'delay-rtm' } },
  fingerprints: {},
  document: EVIDENCE,
  content: null,
  evidence: { txId: 'cd'.repeat(32) },
} as unknown as TriggeredClaim;

function recordWith(documents: Partial<ClaimDocument>[]): ClaimRecord {
  return { claimId: CLAIM_ID, documents } as unknown as ClaimRecord;
}

/**
 * A redelivered trigger whose first delivery stopped between the notice and
 * the evidence: the claim is read back from the ledger and completed, once.
 */
describe('ParametricClaims', () => {
  function world(onLedger: ClaimRecord) {
    const ledger = {
      notifyLoss: jest.fn(() => {
        throw new LedgerRefusalError('claim exists', LedgerErrorCode.alreadyExists);
      }),
      readClaim: jest.fn(() => Promise.resolve(onLedger)),
      addDocument: jest.fn(() => Promise.resolve(recordWith([EVIDENCE]))),
    };
    const store = {
      find: jest.fn(() => Promise.resolve(undefined)),
      applyRecord: jest.fn(() => Promise.resolve()),
    };
    const manager = { query: jest.fn(() => Promise.resolve([])) };
    const claims = new ParametricClaims(
      ledger as unknown as ClaimsLedger,
      store as unknown as ClaimStore,
    );
    return {
      ledger,
      store,
      open: () => claims.open(manager as unknown as EntityManager, triggered),
    };
  }

  it('adds the evidence to a claim an earlier delivery noticed without it', async () => {
    const { ledger, store, open } = world(recordWith([]));
    await open();
    expect(ledger.addDocument).toHaveBeenCalledWith('insurer', CLAIM_ID, EVIDENCE);
    expect(store.applyRecord).toHaveBeenCalledWith(
      expect.anything(),
      recordWith([EVIDENCE]),
      expect.anything(),
    );
  });

  it('adds nothing to a claim that already holds its evidence', async () => {
    const { ledger, store, open } = world(recordWith([EVIDENCE]));
    await open();
    expect(ledger.addDocument).not.toHaveBeenCalled();
    expect(store.applyRecord).toHaveBeenCalledTimes(1);
  });

  it('lets any other refusal of the notice through', async () => {
    const { ledger, open } = world(recordWith([]));
    ledger.notifyLoss.mockImplementation(() => {
      throw new LedgerRefusalError('no such policy', LedgerErrorCode.notFound);
    });
    await expect(open()).rejects.toThrow('no such policy');
    expect(ledger.addDocument).not.toHaveBeenCalled();
  });
});
