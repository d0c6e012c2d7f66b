import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsOptional, IsString, Matches } from 'class-validator';

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
}
