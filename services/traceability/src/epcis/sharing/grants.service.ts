import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { Principal } from '@pujiang/auth';
import {
  AccessGrant,
  TRACE_ACCESS_CONTRACT,
  TraceAccessTransaction,
  parseAccessGrantRequest,
} from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { LedgerGateway, problemFromLedger } from '@pujiang/ledger-client';
import { canonicalJson } from '@pujiang/standards';
import { AccessGrantStore } from './access-grant.store';
import { GrantingParties } from './granting-parties';

export interface GrantsOfOrganisation {
  given: AccessGrant[];
  received: AccessGrant[];
}

/**
 * Grants of read access to an organisation's events, and publishing (a grant
 * to PUBLIC). The ledger decides; what it committed is kept in the read
 * model at once, so the caller reads its own write before the follower
 * brings the same record.
 */
@Injectable()
export class GrantsService {
  constructor(
    private readonly ledger: LedgerGateway,
    private readonly parties: GrantingParties,
    private readonly store: AccessGrantStore,
  ) {}

  async grant(caller: Principal, body: unknown): Promise<AccessGrant> {
    const parsed = parseAccessGrantRequest(body);
    if (!parsed.ok) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        `The grant request is not valid: ${parsed.problem.pointer} ${parsed.problem.detail}`,
        'about:blank',
        [parsed.problem],
      );
    }
    return this.commit(caller, TraceAccessTransaction.grant, [
      randomUUID(),
      canonicalJson(parsed.request),
    ]);
  }

  /** Only the caller's own organisation's grant: the chaincode refuses any other. */
  revoke(caller: Principal, grantId: string): Promise<AccessGrant> {
    return this.commit(caller, TraceAccessTransaction.revoke, [caller.organisation, grantId]);
  }

  async grantsOf(caller: Principal): Promise<GrantsOfOrganisation> {
    const grants = await this.store.grantsOf(caller.organisation);
    return {
      given: grants.filter((g) => g.granterMspId === caller.organisation),
      received: grants.filter((g) => g.grantee === caller.organisation),
    };
  }

  /** One grant, to its granter or grantee; anyone else is told it does not exist. */
  async find(caller: Principal, granterMspId: string, grantId: string): Promise<AccessGrant> {
    const grant = await this.store.find(granterMspId, grantId);
    if (grant === undefined || ![grant.granterMspId, grant.grantee].includes(caller.organisation)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `No grant ${grantId} of ${granterMspId}`);
    }
    return grant;
  }

  private async commit(caller: Principal, transaction: string, args: string[]) {
    const session = this.ledger.actingAs(this.parties.identityOf(caller));
    let result: string;
    try {
      ({ result } = await session.submit({ contract: TRACE_ACCESS_CONTRACT, transaction, args }));
    } catch (error) {
      throw problemFromLedger(error);
    }
    const grant = JSON.parse(result) as AccessGrant;
    await this.store.keep(grant);
    return grant;
  }
}
