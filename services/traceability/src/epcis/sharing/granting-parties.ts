import { HttpStatus, Injectable } from '@nestjs/common';
import { Principal } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { LedgerIdentity } from '@pujiang/ledger-client';
import { PartyDirectory, readOrganisationsFile } from '@pujiang/parties';
import { TraceRole } from '../trace-roles';
import { SharingConfig } from './sharing.config';

/**
 * The platform is multi-tenant: grants are signed by the acting party's own
 * Fabric identity, so the chaincode records who granted and takes the
 * granter from the signature, never from our word. The directory is read
 * once, at start-up; a file that cannot be read stops the service.
 */
@Injectable()
export class GrantingParties {
  private readonly directories: ReadonlyMap<string, PartyDirectory>;

  constructor(config: SharingConfig) {
    this.directories = readOrganisationsFile(config.TRACEABILITY_DIRECTORY_FILE);
  }

  /** The ledger identity of the caller's own party, which must be listed to share. */
  identityOf(caller: Principal): LedgerIdentity {
    const directory = this.directories.get(caller.organisation);
    const party = directory?.actingParty(caller, TraceRole.share);
    if (directory === undefined || party === undefined) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        `${caller.party} of ${caller.organisation} has no ledger identity on this platform to sign grants with`,
      );
    }
    return directory.identityOf(party);
  }
}
