import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Which peer to talk to and as whom; file paths point into the organisation's crypto material. */
export class LedgerConfig {
  @IsString()
  @IsNotEmpty()
  FABRIC_MSP_ID!: string;

  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'FABRIC_PEER_ENDPOINT must be host:port' })
  FABRIC_PEER_ENDPOINT!: string;

  /** TLS server name of the peer (its certificate's host name). */
  @IsString()
  @IsNotEmpty()
  FABRIC_PEER_HOST_ALIAS!: string;

  @IsString()
  @IsNotEmpty()
  FABRIC_TLS_CA_CERT!: string;

  @IsString()
  @IsNotEmpty()
  FABRIC_CLIENT_CERT!: string;

  @IsString()
  @IsNotEmpty()
  FABRIC_CLIENT_KEY!: string;

  @IsString()
  @IsNotEmpty()
  FABRIC_CHANNEL!: string;

  @IsString()
  @IsNotEmpty()
  FABRIC_CHAINCODE!: string;

  /**
   * How long a health check reuses the ledger's last answer: probes and
   * monitors call /health often, and each fresh answer is a proposal the
   * peer must run. 0 asks the ledger every time.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  LEDGER_HEALTH_CACHE_SECONDS = 5;
}
