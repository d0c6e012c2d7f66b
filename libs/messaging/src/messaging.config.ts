import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';

export const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/**
 * Where the brokers are and who this service is to them. There is no anonymous
 * or plain-text mode: every connection is TLS and authenticates with SASL/SCRAM
 * as the service's own Kafka user, which may do only what its ACLs grant
 * (k8s/base/platform/kafka-users.yaml; the local stack has the same users).
 */
export class MessagingConfig {
  /** Comma-separated host:port list. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((b) => b.trim()) : value,
  )
  @ArrayNotEmpty()
  @Matches(/^[^\s:]+:\d{1,5}$/, { each: true, message: 'each broker must be host:port' })
  KAFKA_BROKERS!: string[];

  @IsOptional()
  @IsString()
  KAFKA_CLIENT_ID?: string;

  /** SCRAM-SHA-512 unless the brokers say otherwise (Strimzi's scram-sha-512 users). */
  @IsOptional()
  @IsIn(SASL_MECHANISMS)
  KAFKA_SASL_MECHANISM?: SaslMechanism;

  @IsString()
  @IsNotEmpty()
  KAFKA_SASL_USERNAME!: string;

  /**
   * The password as a file (a mounted Secret, .stack/kafka/users/…), or, where
   * a secret store hands it over as a variable, in KAFKA_SASL_PASSWORD: one of
   * the two, never both, never in the repository.
   */
  @ValidateIf((config: MessagingConfig) => config.KAFKA_SASL_PASSWORD === undefined)
  @IsString({ message: 'KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD is required' })
  @IsNotEmpty()
  KAFKA_SASL_PASSWORD_FILE?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @NotWith('KAFKA_SASL_PASSWORD_FILE')
  KAFKA_SASL_PASSWORD?: string;

  /**
   * PEM bundle of the CA(s) the brokers' certificates must chain to: the stack's
   * own CA, Strimzi's cluster CA. Without it, Node's public CAs are trusted.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  KAFKA_TLS_CA_FILE?: string;
}

/** Refuses the key when `other` is set too: with two passwords, which one counts would be chance. */
function NotWith(other: keyof MessagingConfig, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notWith',
      validator: {
        validate: (_value: unknown, args) =>
          (args?.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: (args) => `give ${args?.property ?? 'it'} or ${other}, not both`,
      },
    },
    options,
  );
}
