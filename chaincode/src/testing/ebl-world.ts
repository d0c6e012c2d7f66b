import { Context } from 'fabric-contract-api';
import {
  EBL_TRANSITIONS,
  EblAction,
  EblRecord,
  EblRole,
  EblStatus,
  EblTransition,
  LedgerParty,
  LedgerRole,
  exportAnswerDetail,
} from '../../../libs/contracts/src/ledger';
import { EblContract } from '../ebl/ebl.contract';
import { FakeLedger } from './fake-context';
import { Person, callerOf, orgAdmin, partyOf, person } from './people';

export { partyOf };

export const ORG1 = 'Org1MSP';
export const ORG2 = 'Org2MSP';
export const CHECKSUM = 'a1'.repeat(32);
/** How the ebl service describes a receiving platform and party (opaque to the chaincode). */
export const RECEIVER = '{"eblPlatform":"WAVE","partyName":"Receiver Ltd"}';
/** The checksum of the last transfer chain entry of the envelope an export is bound to. */
export const ENVELOPE = 'e1'.repeat(32);

/** The carrier code its CA writes into the carrier's certificate. */
export const CARRIER_CODE = 'PJCL';

/** Everyone who appears in the stories: one carrier, its customers, and the operators. */
export const people = {
  carrier: person('carrier', ORG1, LedgerRole.carrier, CARRIER_CODE),
  /** Another carrier issuing on the same platform. */
  otherCarrier: person('other-carrier', ORG1, LedgerRole.carrier, 'OTHR'),
  shipper: person('shipper', ORG1),
  bank: person('bank', ORG1),
  consignee: person('consignee', ORG1),
  clerk: person('clerk', ORG1),
  operator: person('Platform', ORG1, LedgerRole.platformOperator),
  /** Org1's claims service: a role, but not the platform's. */
  insurer: person('Insurer', ORG1, LedgerRole.insurer),
  /** cryptogen's Admin of Org1: OU admin, and no role. */
  orgAdmin: orgAdmin(ORG1),
  foreignBank: person('bank', ORG2),
  foreignOperator: person('Platform', ORG2, LedgerRole.platformOperator),
  /** A carrier issuing on the other organisation's platform. */
  foreignCarrier: person('carrier', ORG2, LedgerRole.carrier, 'FRGN'),
} as const;
export type PersonName = keyof typeof people;

/** The arguments a well-behaved caller passes with each action. */
const ARGUMENTS: Partial<Record<EblAction, { recipient?: string; detail?: string }>> = {
  [EblAction.transfer]: { recipient: partyOf(people.consignee) },
  [EblAction.endorse]: { recipient: partyOf(people.consignee) },
  [EblAction.endorseToOrder]: { recipient: partyOf(people.consignee) },
  [EblAction.startExport]: { recipient: RECEIVER, detail: ENVELOPE },
  [EblAction.surrenderForAmendment]: { detail: 'SWI' },
  [EblAction.completeExport]: { detail: exportAnswerDetail(ENVELOPE) },
  [EblAction.cancelExport]: { detail: exportAnswerDetail(ENVELOPE, 'BSIG') },
};

export function argumentsFor(action: EblAction): [recipient: string, detail: string] {
  const given = ARGUMENTS[action] ?? {};
  return [given.recipient ?? '', given.detail ?? ''];
}

/** One ledger, the Ebl contract, and a clock that moves one minute per transaction. */
export class EblWorld {
  readonly ledger = new FakeLedger();
  readonly contract = new EblContract();
  private minutes = 0;

  ctx(who: Person): Context {
    const at = new Date(Date.UTC(2026, 10, 23, 8, this.minutes++));
    return this.ledger.context(who.mspId, at, callerOf(who));
  }

  async issue(
    reference: string,
    options: { isToOrder?: boolean; holder?: Person; by?: Person; replaces?: string } = {},
  ): Promise<EblRecord> {
    const json = await this.contract.issue(
      this.ctx(options.by ?? people.carrier),
      reference,
      CHECKSUM,
      String(options.isToOrder ?? true),
      partyOf(options.holder ?? people.shipper),
      options.replaces ?? '',
    );
    return JSON.parse(json) as EblRecord;
  }

  async act(
    who: Person,
    reference: string,
    action: EblAction,
    recipient = '',
    detail = '',
  ): Promise<EblRecord> {
    const json = await this.contract.act(this.ctx(who), reference, action, recipient, detail);
    return JSON.parse(json) as EblRecord;
  }

  /** Takes the action as the table's role would, with well-formed arguments. */
  async step(reference: string, transition: EblTransition): Promise<EblRecord> {
    const actor = actorFor(transition.by, await this.read(reference));
    return this.act(actor, reference, transition.action, ...argumentsFor(transition.action));
  }

  async read(reference: string, platform = ORG1): Promise<EblRecord> {
    const json = await this.contract.read(this.ctx(people.clerk), platform, reference);
    return JSON.parse(json) as EblRecord;
  }

  /** Everything a refused transaction must leave alone: all state bytes and all events. */
  snapshot(): string {
    const state = [...this.ledger.state].map(([k, v]) => [k, Buffer.from(v).toString('utf8')]);
    return JSON.stringify({ state, events: this.ledger.events });
  }
}

export function personOf(party: LedgerParty): Person | undefined {
  return Object.values(people).find((p) => partyOf(p) === party);
}

/**
 * The person who plays a role on this record now. When nobody on the platform
 * does (no pending offer; the holder is on another platform), the one who
 * would have: the offer's usual recipient, or the first holder.
 */
export function actorFor(role: EblRole, record: EblRecord): Person {
  switch (role) {
    case EblRole.holder:
      return personOf(record.holder) ?? people.shipper;
    case EblRole.pendingRecipient:
      return personOf(record.pending?.recipient ?? '') ?? people.consignee;
    case EblRole.issuer:
      return people.carrier;
    case EblRole.platform:
      return people.operator;
  }
}

/** The role the table names for an action (the same from every status it starts from). */
export function roleOf(action: EblAction): EblRole {
  const transition = EBL_TRANSITIONS.find((t) => t.action === action);
  if (transition === undefined) throw new Error(`${action} is in no transition`);
  return transition.by;
}

/** The shortest path of allowed transitions from ISSUED to each status, found in the table. */
export function pathsFromIssued(): Map<EblStatus, EblTransition[]> {
  const paths = new Map<EblStatus, EblTransition[]>([[EblStatus.issued, []]]);
  const queue: EblStatus[] = [EblStatus.issued];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    const path = paths.get(status) ?? [];
    for (const transition of EBL_TRANSITIONS.filter((t) => t.from === status)) {
      if (!paths.has(transition.to)) {
        paths.set(transition.to, [...path, transition]);
        queue.push(transition.to);
      }
    }
  }
  return paths;
}

const PATHS = pathsFromIssued();

/**
 * Issues an order bill to the shipper and drives it into `status` by real
 * transactions. With `handedOn`, the shipper first endorses it to order of the
 * bank, so the bank holds it and the shipper is a previous holder.
 */
export async function reach(
  world: EblWorld,
  reference: string,
  status: EblStatus,
  options: { handedOn?: boolean } = {},
): Promise<EblRecord> {
  const path = PATHS.get(status);
  if (path === undefined) throw new Error(`no path reaches ${status}`);
  await world.issue(reference);
  if (options.handedOn === true) {
    await world.act(people.shipper, reference, EblAction.endorseToOrder, partyOf(people.bank));
    await world.act(people.bank, reference, EblAction.acceptTransfer);
  }
  for (const transition of path) await world.step(reference, transition);
  const record = await world.read(reference);
  if (record.status !== status) throw new Error(`reached ${record.status}, not ${status}`);
  return record;
}
