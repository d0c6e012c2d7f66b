import { IsOptional, Matches } from 'class-validator';

const ORGANISATION_PREFIXES =
  /^([A-Za-z0-9.-]+:\d{6,12}(\|\d{6,12})*)(,[A-Za-z0-9.-]+:\d{6,12}(\|\d{6,12})*)*$/;

/** Whose master data an organisation may write (decision 0021). */
export class MasterDataConfig {
  /**
   * The GS1 company prefixes each organisation holds, as
   * `Org1MSP:952012|4012345,Org2MSP:0614141`. An organisation not listed may
   * write no master data; unset, nobody may.
   */
  @IsOptional()
  @Matches(ORGANISATION_PREFIXES, {
    message: 'MASTER_DATA_COMPANY_PREFIXES must read like Org1MSP:952012|4012345,Org2MSP:0614141',
  })
  MASTER_DATA_COMPANY_PREFIXES?: string;
}

/** The configured prefixes by organisation MSP id. */
export function companyPrefixes(config: MasterDataConfig): ReadonlyMap<string, string[]> {
  const entries = (config.MASTER_DATA_COMPANY_PREFIXES ?? '')
    .split(',')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [organisation = '', prefixes = ''] = entry.split(':');
      return [organisation, prefixes.split('|')] as const;
    });
  return new Map(entries);
}
