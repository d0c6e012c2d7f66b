import { IsNotEmpty, IsString } from 'class-validator';

/** The organisation's vessel parties this service signs for. */
export class VesselsConfig {
  /**
   * JSON file of the flag state, class society, owners and managers of this
   * organisation ({ "parties": [...] }, as libs/parties reads it), each with
   * its own certificate carrying its ledger role.
   */
  @IsString()
  @IsNotEmpty()
  VESSELS_DIRECTORY_FILE!: string;
}
