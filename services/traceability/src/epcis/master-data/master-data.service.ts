import { HttpStatus, Injectable } from '@nestjs/common';
import { Principal } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { EntityManager } from 'typeorm';

import { foreignElements, readVocabularyList } from './domain/master-data';
import { MasterDataConfig, companyPrefixes } from './master-data.config';
import { MasterDataStore } from './master-data.store';

/**
 * Master data, through the API or in a captured document's header: checked
 * whole (400 for any malformed element, 403 for any element of another
 * company's keys) before anything is written.
 */
@Injectable()
export class MasterDataService {
  private readonly prefixes: ReadonlyMap<string, string[]>;

  constructor(
    private readonly store: MasterDataStore,
    config: MasterDataConfig,
  ) {
    this.prefixes = companyPrefixes(config);
  }

  /** POST /masterData. */
  async capture(masterData: unknown, caller: Principal): Promise<{ elementCount: number }> {
    const elements = this.checked(masterData, '', caller);
    await this.store.write(elements, caller.organisation);
    return { elementCount: elements.length };
  }

  /**
   * The header's `epcisMasterData` of a document being captured, in the
   * capture's transaction: a refusal stores none of the document's events.
   */
  async captureFromHeader(
    document: unknown,
    caller: Pick<Principal, 'organisation'>,
    manager: EntityManager,
  ): Promise<void> {
    const header = (document as { epcisHeader?: { epcisMasterData?: unknown } }).epcisHeader;
    if (header?.epcisMasterData === undefined) return;
    const elements = this.checked(header.epcisMasterData, '/epcisHeader/epcisMasterData', caller);
    await this.store.write(elements, caller.organisation, manager);
  }

  private checked(masterData: unknown, base: string, caller: Pick<Principal, 'organisation'>) {
    const { elements, problems } = readVocabularyList(masterData, base);
    if (problems.length > 0) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'The master data is not valid',
        'epcisException:ValidationException',
        problems,
      );
    }
    const foreign = foreignElements(elements, this.prefixes.get(caller.organisation) ?? []);
    if (foreign.length > 0) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        `${caller.organisation} may describe only the GTINs, GLNs and SSCCs of its own GS1 company prefixes`,
        'epcisException:SecurityException',
        foreign.map((f) => ({
          pointer: base === '' ? '/vocabularyList' : base,
          detail: `${f.id} ${f.detail}`,
        })),
      );
    }
    return elements;
  }
}
