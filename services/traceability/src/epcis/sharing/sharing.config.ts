import { IsNotEmpty, IsString } from 'class-validator';

/** Who may grant: the parties the service signs grants for. */
export class SharingConfig {
  /**
   * JSON file of the parties of each organisation with their own Fabric
   * identities (`{ "organisations": [{ "mspId", "parties": [...] }] }`, as
   * libs/parties readOrganisationsFile reads it), read at start-up.
   */
  @IsString()
  @IsNotEmpty()
  TRACEABILITY_DIRECTORY_FILE!: string;
}
