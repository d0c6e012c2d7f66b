import { Context } from 'fabric-contract-api';
import { AccessGrant } from '../../../libs/contracts/src/ledger';
import { TraceAccessContract } from '../trace-access/trace-access.contract';
import { FakeLedger } from './fake-context';
import { Person, callerOf, person } from './people';

export const ORG1 = 'Org1MSP';
export const ORG2 = 'Org2MSP';
export const ORG3 = 'Org3MSP';
/** A GTIN-14 of company prefix 4012345 and a lot of it, as the stories' trade item. */
export const PREFIX = '4012345';
export const GTIN = '04012345123456';
export const LOT = 'L-2026/11';
/** A trade item of another company (prefix 9506000). */
export const OTHER_GTIN = '09506000134352';
/** The fake ledger's default transaction time. */
export const T0 = '2026-11-23T08:00:00.000Z';

/** A producer (Org1) that grants, a retailer (Org2) it grants to, and a stranger (Org3). */
export const people = {
  quality: person('quality', ORG1),
  clerk: person('clerk', ORG1),
  retailer: person('buyer', ORG2),
  stranger: person('someone', ORG3),
} as const;

/** One ledger and the TraceAccess contract; every call says who signs and when. */
export class TraceAccessWorld {
  readonly ledger = new FakeLedger();
  readonly contract = new TraceAccessContract();

  ctx(who: Person, at = T0): Context {
    return this.ledger.context(who.mspId, new Date(at), callerOf(who));
  }

  async grant(
    grantId: string,
    request: object,
    options: { by?: Person; at?: string } = {},
  ): Promise<AccessGrant> {
    const ctx = this.ctx(options.by ?? people.quality, options.at);
    return JSON.parse(
      await this.contract.grant(ctx, grantId, JSON.stringify(request)),
    ) as AccessGrant;
  }

  async revoke(
    grantId: string,
    options: { by?: Person; at?: string; granter?: string } = {},
  ): Promise<AccessGrant> {
    const ctx = this.ctx(options.by ?? people.quality, options.at);
    return JSON.parse(
      await this.contract.revoke(ctx, options.granter ?? ORG1, grantId),
    ) as AccessGrant;
  }

  async read(grantId: string, granter = ORG1): Promise<AccessGrant> {
    const json = await this.contract.readGrant(this.ctx(people.stranger), granter, grantId);
    return JSON.parse(json) as AccessGrant;
  }

  async list(granter = ORG1): Promise<AccessGrant[]> {
    const json = await this.contract.listGrants(this.ctx(people.stranger), granter);
    return JSON.parse(json) as AccessGrant[];
  }

  /** Everything a refused transaction must leave alone: all state bytes and all events. */
  snapshot(): string {
    const state = [...this.ledger.state].map(([k, v]) => [k, Buffer.from(v).toString('utf8')]);
    return JSON.stringify({ state, events: this.ledger.events });
  }
}
