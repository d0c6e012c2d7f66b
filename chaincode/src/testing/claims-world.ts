import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Context } from 'fabric-contract-api';
import {
  CLAIM_TRANSITIONS,
  ClaimAction,
  ClaimDocumentInput,
  ClaimFingerprints,
  ClaimNoticeInput,
  ClaimRecord,
  ClaimRole,
  ClaimStatus,
  ClaimStub,
  ClaimTransition,
  ClaimsTransientKey,
  CoverPolicyInput,
  CoverPolicyRecord,
  LedgerParty,
  LedgerRole,
  PolicyPrivateTerms,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { ClaimsContract } from '../claims/claims.contract';
import { FakeLedger, FakeProposal, collectionsFromConfig } from './fake-context';
import { Person, callerOf, orgAdmin, partyOf, person } from './people';

export const ORG1 = 'Org1MSP';
export const ORG2 = 'Org2MSP';
export const CLAIM_ID = '0b6a3c52-8f1e-4d7a-9b2c-3e4f5a6b7c8d';
export const OTHER_CLAIM_ID = '7d9e1f20-3a4b-4c5d-8e6f-708192a3b4c5';
export const POLICY_ID = 'POL-2026-0001';
export const HASH = (seed: string): string => createHash('sha256').update(seed).digest('hex');

/** The collections the stack deploys, read from the file the deploy script passes to Fabric. */
export const COLLECTIONS_CONFIG = readFileSync(
  join(__dirname, '../../collections_config.json'),
  'utf8',
);

/** Everyone in the claim stories: an insurer in each organisation, and the parties around a claim. */
export const people = {
  /** Org1's claims service. */
  insurer: person('Insurer', ORG1, LedgerRole.insurer),
  /** Org2's claims service: another insurer. */
  foreignInsurer: person('Insurer', ORG2, LedgerRole.insurer),
  /** An identity of the insurer's own MSP without the insurer role. */
  clerk: person('clerk', ORG1),
  /** Org1's eBL platform service: a role, but not the insurer's. */
  platformOperator: person('Platform', ORG1, LedgerRole.platformOperator),
  /** cryptogen's Admin of Org1: OU admin, and no role. */
  orgAdmin: orgAdmin(ORG1),
  surveyor: person('surveyor', ORG1, LedgerRole.surveyor),
  /** A party of the insurer's MSP whose certificate carries no surveyor role. */
  uncertifiedSurveyor: person('adjuster', ORG1),
  /**
   * The cargo owner: the insured, who gives notice. A customer of the insurer's
   * own organisation: only its members may write the insurer's collection.
   */
  claimant: person('cargo-owner', ORG1),
  /** A customer of Org2, insured by Org2's insurer. */
  foreignClaimant: person('cargo-owner', ORG2),
  bystander: person('forwarder', ORG2),
} as const;
export type PersonName = keyof typeof people;

export function personOf(party: LedgerParty | undefined): Person | undefined {
  return Object.values(people).find((p) => partyOf(p) === party);
}

export const PRIVATE_TERMS: PolicyPrivateTerms = {
  sumInsured: '5000000',
  premium: '25000',
  deductible: '50000',
  salt: '00112233445566778899aabbccddeeff',
  insured: partyOf(people.claimant),
  shipment: {
    eblReference: 'MAEU-CL-0001',
    containers: ['CSQU3054383', 'MSKU9070323'],
    lots: ['https://id.gs1.org/01/04012345123456/10/Lot987'],
  },
};

/** The transient bytes the claims service sends: canonical JSON, so anyone can recompute the hash. */
export function privateTermsBytes(overrides: Partial<PolicyPrivateTerms> = {}): Buffer {
  return Buffer.from(canonicalJson({ ...PRIVATE_TERMS, ...overrides }));
}

/** The salt of every notice the tests give. */
export const NOTICE_SALT = 'ffeeddccbbaa99887766554433221100';

export function policyInput(overrides: Partial<CoverPolicyInput> = {}): CoverPolicyInput {
  return {
    policyId: POLICY_ID,
    kind: 'CERTIFICATE',
    clause: 'ICC_A',
    currency: 'USD',
    period: { from: '2026-10-01', to: '2027-03-31' },
    parametricTriggers: [
      {
        triggerId: 'reefer-temp',
        kind: 'TEMPERATURE',
        minCelsiusTenths: -250,
        maxCelsiusTenths: -150,
        minDurationMinutes: 120,
        trustedOwners: ['Org1MSP'],
      },
      { triggerId: 'late', kind: 'LATE_ARRIVAL', etaDate: '2026-11-10', graceDays: 5 },
    ],
    privateTermsHash: HASH(privateTermsBytes().toString('utf8')),
    ...overrides,
  };
}

export function noticeInput(overrides: Partial<ClaimNoticeInput> = {}): ClaimNoticeInput {
  return {
    claimId: CLAIM_ID,
    policyId: POLICY_ID,
    peril: 'HEAVY_WEATHER',
    lossDate: '2026-11-10',
    discoveredDate: '2026-11-12',
    place: 'CNSHA',
    containers: ['CSQU3054383'],
    eblReference: 'MAEU-CL-0001',
    claimedAmount: '1250000',
    currency: 'USD',
    ...overrides,
  };
}

export const NO_FINGERPRINTS: ClaimFingerprints = { register: [], probe: [] };

/** A parametric notice of the insurer for the policy's temperature trigger. */
export function parametricNotice(overrides: Partial<ClaimNoticeInput> = {}): ClaimNoticeInput {
  return noticeInput({
    peril: 'TEMPERATURE_DEVIATION',
    parametric: { triggerId: 'reefer-temp', evidenceHash: HASH('sensor log') },
    ...overrides,
  });
}

/** The arguments a well-behaved caller passes with each action (claimed 1 250 000). */
const ARGUMENTS: Partial<Record<ClaimAction, { recipient?: string; detail?: string }>> = {
  REQUEST_DOCUMENTS: { detail: '["COMMERCIAL_INVOICE"]' },
  ASSIGN_SURVEYOR: { recipient: partyOf(people.surveyor) },
  REPORT_SURVEY: { detail: `{"assessedLoss":"1100000","reportSha256":"${HASH('survey')}"}` },
  APPROVE_PARTIALLY: { detail: '1000000' },
  REJECT: { detail: 'loss caused by insufficient packing' },
  REQUEST_PAYMENT: { detail: '900000' },
  CONFIRM_PAYMENT: { detail: 'PAY-2026-0001' },
  OPEN_SUBROGATION: { detail: 'Ocean Carrier Line Ltd' },
  RECORD_RECOVERY: { detail: '300000' },
  REOPEN: { detail: 'new evidence from the consignee' },
};

export function argumentsFor(action: ClaimAction): [recipient: string, detail: string] {
  const given = ARGUMENTS[action] ?? {};
  return [given.recipient ?? '', given.detail ?? ''];
}

/** One ledger with the stack's collections, the Claims contract, a clock moving a minute per transaction. */
export class ClaimsWorld {
  readonly ledger = new FakeLedger(collectionsFromConfig(COLLECTIONS_CONFIG));
  readonly contract = new ClaimsContract();
  private minutes = 0;
  private readonly policies = new Set<string>();

  ctx(who: Person, proposal: FakeProposal = {}): Context {
    const at = new Date(Date.UTC(2026, 10, 23, 8, this.minutes++));
    return this.ledger.context(who.mspId, at, callerOf(who), proposal);
  }

  /**
   * Creates the policy and, unless `terms` is null, sets its private terms
   * (those `terms` overrides, hashed into the policy), both as `by`.
   */
  async createPolicy(
    overrides: Partial<CoverPolicyInput> = {},
    by: Person = people.insurer,
    terms: Partial<PolicyPrivateTerms> | null = {},
  ): Promise<CoverPolicyRecord> {
    const input = policyInput({
      ...(terms === null ? {} : { privateTermsHash: HASH(privateTermsBytes(terms).toString()) }),
      ...overrides,
    });
    const json = await this.contract.createPolicy(this.ctx(by), JSON.stringify(input));
    const policy = JSON.parse(json) as CoverPolicyRecord;
    if (terms !== null)
      await this.setPrivateTerms(policy.policyId, privateTermsBytes(terms), { by });
    this.policies.add(policy.policyId);
    return policy;
  }

  /** The default policy, created on first use. */
  async ensurePolicy(): Promise<void> {
    if (!this.policies.has(POLICY_ID)) await this.createPolicy();
  }

  /** `terms` null sends no transient key at all. */
  setPrivateTerms(
    policyId: string,
    terms: Uint8Array | null = privateTermsBytes(),
    options: { by?: Person; peerMspId?: string } = {},
  ): Promise<void> {
    const transient: Record<string, Uint8Array> =
      terms === null ? {} : { [ClaimsTransientKey.privateTerms]: terms };
    const ctx = this.ctx(options.by ?? people.insurer, { transient, peerMspId: options.peerMspId });
    return this.contract.setPolicyPrivateTerms(ctx, policyId);
  }

  readPrivateTerms(
    policyId: string,
    options: { by?: Person; peerMspId?: string } = {},
  ): Promise<string> {
    const ctx = this.ctx(options.by ?? people.insurer, { peerMspId: options.peerMspId });
    return this.contract.readPolicyPrivateTerms(ctx, policyId);
  }

  /**
   * The notice (transient, into the insurer's collection), as `by`; null
   * sends no notice at all. Endorsed on the insurer's peer.
   */
  async giveNotice(
    overrides: Partial<ClaimNoticeInput> | null = {},
    by: Person = people.claimant,
  ): Promise<void> {
    const notice =
      overrides === null ? undefined : { ...noticeInput(overrides), salt: NOTICE_SALT };
    const transient: Record<string, string> =
      notice === undefined ? {} : { [ClaimsTransientKey.notice]: JSON.stringify(notice) };
    const policy = this.storedPolicy(notice?.policyId ?? POLICY_ID);
    await this.contract.notifyLoss(
      this.ctx(by, { transient, peerMspId: policy?.insurerMsp ?? by.mspId }),
    );
  }

  /**
   * The registration of a notice (public part, duplicate check), as the
   * policy's insurer unless `by` is given; `peerMspId` is the endorsing peer.
   */
  async register(
    claimId: string,
    options: {
      policyId?: string;
      triggerId?: string;
      by?: Person;
      fingerprints?: ClaimFingerprints | null;
      peerMspId?: string;
    } = {},
  ): Promise<ClaimStub> {
    const policyId = options.policyId ?? POLICY_ID;
    const fingerprints =
      options.fingerprints === undefined ? NO_FINGERPRINTS : options.fingerprints;
    const transient: Record<string, string> =
      fingerprints === null
        ? {}
        : { [ClaimsTransientKey.fingerprints]: JSON.stringify(fingerprints) };
    const by = options.by ?? this.insurerOf(this.storedPolicy(policyId)?.insurerMsp ?? ORG1);
    const json = await this.contract.registerClaim(
      this.ctx(by, { transient, peerMspId: options.peerMspId }),
      claimId,
      policyId,
      options.triggerId ?? '',
    );
    return JSON.parse(json) as ClaimStub;
  }

  /**
   * Both transactions of a first notice, as the claims service sends them:
   * the notice by `by`, its registration by the policy's insurer.
   */
  async notify(
    overrides: Partial<ClaimNoticeInput> = {},
    options: { by?: Person; fingerprints?: ClaimFingerprints | null } = {},
  ): Promise<ClaimRecord> {
    const notice = noticeInput(overrides);
    await this.giveNotice(overrides, options.by);
    await this.register(notice.claimId, {
      policyId: notice.policyId,
      triggerId: notice.parametric?.triggerId ?? '',
      fingerprints: options.fingerprints,
    });
    return this.readClaim(notice.claimId);
  }

  /** A step, its arguments in the transient map; the claim as its insurer then reads it. */
  async act(
    who: Person,
    claimId: string,
    action: string,
    recipient = '',
    detail = '',
  ): Promise<ClaimRecord> {
    const step = {
      ...(recipient === '' ? {} : { recipient }),
      ...(detail === '' ? {} : { detail }),
    };
    const transient = { [ClaimsTransientKey.step]: JSON.stringify(step) };
    await this.contract.act(this.onInsurerPeer(who, claimId, transient), claimId, action);
    return this.readClaim(claimId);
  }

  async addDocument(
    who: Person,
    claimId: string,
    document: Partial<ClaimDocumentInput> = {},
  ): Promise<ClaimRecord> {
    const input: ClaimDocumentInput = {
      kind: 'COMMERCIAL_INVOICE',
      sha256: HASH('invoice'),
      ...document,
    };
    const transient = { [ClaimsTransientKey.document]: JSON.stringify(input) };
    await this.contract.addDocument(this.onInsurerPeer(who, claimId, transient), claimId);
    return this.readClaim(claimId);
  }

  /** A proposal of `who` endorsed where the service sends it: the claim's insurer's peer. */
  private onInsurerPeer(who: Person, claimId: string, transient: Record<string, string>): Context {
    return this.ctx(who, { transient, peerMspId: this.stub(claimId)?.insurerMsp ?? who.mspId });
  }

  /** Takes the action as the table's role would, with well-formed arguments. */
  async step(claimId: string, transition: ClaimTransition): Promise<ClaimRecord> {
    const actor = actorFor(transition.by, await this.readClaim(claimId));
    return this.act(actor, claimId, transition.action, ...argumentsFor(transition.action));
  }

  /** The whole claim, as its insurer (or `who`) reads it on the insurer's peer. */
  async readClaim(claimId: string, who?: Person): Promise<ClaimRecord> {
    const insurer = this.insurerOf(this.stub(claimId)?.insurerMsp ?? ORG1);
    const reader = who ?? insurer;
    const ctx = this.ctx(reader, { peerMspId: insurer.mspId });
    return JSON.parse(await this.contract.readClaim(ctx, claimId)) as ClaimRecord;
  }

  /** The public part of a claim, as every peer holds it. */
  stub(claimId: string): ClaimStub | undefined {
    return this.stateJson<ClaimStub>(`\u0000claims.claim\u0000${claimId}\u0000`);
  }

  private storedPolicy(policyId: string): CoverPolicyRecord | undefined {
    return this.stateJson<CoverPolicyRecord>(`\u0000claims.policy\u0000${policyId}\u0000`);
  }

  private stateJson<T>(key: string): T | undefined {
    const stored = this.ledger.state.get(key);
    return stored === undefined ? undefined : (JSON.parse(Buffer.from(stored).toString()) as T);
  }

  private insurerOf(mspId: string): Person {
    return mspId === ORG2 ? people.foreignInsurer : people.insurer;
  }

  async readPolicy(policyId: string): Promise<CoverPolicyRecord> {
    const json = await this.contract.readPolicy(this.ctx(people.bystander), policyId);
    return JSON.parse(json) as CoverPolicyRecord;
  }

  /** Everything a refused transaction must leave alone: public and private state, and events. */
  snapshot(): string {
    const text = (map: ReadonlyMap<string, Uint8Array>) =>
      [...map].map(([k, v]) => [k, Buffer.from(v).toString('utf8')]);
    const privateState = [...this.ledger.privateState].map(([c, values]) => [c, text(values)]);
    return JSON.stringify({
      state: text(this.ledger.state),
      privateState,
      events: this.ledger.events,
    });
  }
}

/** A new world in which the insurer has created the policy, `overrides` applied to its input. */
export async function worldWithPolicy(
  overrides: Partial<CoverPolicyInput> = {},
): Promise<ClaimsWorld> {
  const world = new ClaimsWorld();
  await world.createPolicy(overrides);
  return world;
}

/**
 * The person who plays a role on this claim now; for a role nobody plays yet
 * (no surveyor assigned), the one who would.
 */
export function actorFor(role: ClaimRole, record: ClaimRecord): Person {
  switch (role) {
    case ClaimRole.insurer:
      return record.insurerMsp === ORG1 ? people.insurer : people.foreignInsurer;
    case ClaimRole.surveyor:
      return personOf(record.surveyor) ?? people.surveyor;
    case ClaimRole.claimant:
      return personOf(record.claimant) ?? people.claimant;
  }
}

/** The role the table names for an action (the same from every status it starts from). */
export function roleOf(action: ClaimAction): ClaimRole {
  const transition = CLAIM_TRANSITIONS.find((t) => t.action === action);
  if (transition === undefined) throw new Error(`${action} is in no transition`);
  return transition.by;
}

/** The shortest path of allowed transitions from NOTIFIED to each status, found in the table. */
export function pathsFromNotified(): Map<ClaimStatus, ClaimTransition[]> {
  const paths = new Map<ClaimStatus, ClaimTransition[]>([[ClaimStatus.notified, []]]);
  const queue: ClaimStatus[] = [ClaimStatus.notified];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    const path = paths.get(status) ?? [];
    for (const transition of CLAIM_TRANSITIONS.filter((t) => t.from === status)) {
      if (!paths.has(transition.to)) {
        paths.set(transition.to, [...path, transition]);
        queue.push(transition.to);
      }
    }
  }
  return paths;
}

const PATHS = pathsFromNotified();

/**
 * Creates the policy (once per world), gives notice of claimId with a
 * commercial invoice filed, and drives the claim into `status` by real
 * transactions.
 */
export async function reach(
  world: ClaimsWorld,
  claimId: string,
  status: ClaimStatus,
): Promise<ClaimRecord> {
  const path = PATHS.get(status);
  if (path === undefined) throw new Error(`no path reaches ${status}`);
  await world.ensurePolicy();
  await world.notify({ claimId });
  await world.addDocument(people.claimant, claimId);
  for (const transition of path) await world.step(claimId, transition);
  const record = await world.readClaim(claimId);
  if (record.status !== status) throw new Error(`reached ${record.status}, not ${status}`);
  return record;
}
