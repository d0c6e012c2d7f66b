import { IsIn, IsOptional, IsUrl } from 'class-validator';

/** Where the packs' QR codes send shoppers. */
export class ConsumerPageConfig {
  /**
   * The public origin printed in QR codes (`https://trace.example.com`), never
   * the Host header of whoever asked for the code: a code is printed on
   * packs for years and must not follow a request's spelling of our name.
   * Unset, GS1's own resolver, which forwards to the brand's registered one.
   */
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  CONSUMER_PAGE_BASE_URL = 'https://id.gs1.org';

  /**
   * How the QR codes write the Digital Link: `uncompressed` (/01/{gtin}/10/{lot},
   * readable by any scanner app) or `compressed` (GS1 Digital Link compression:
   * fewer characters, a smaller code; this resolver reads both).
   */
  @IsOptional()
  @IsIn(['uncompressed', 'compressed'])
  CONSUMER_PAGE_QR_FORM: 'uncompressed' | 'compressed' = 'uncompressed';
}
