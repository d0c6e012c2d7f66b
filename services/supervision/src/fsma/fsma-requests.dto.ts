import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MSP_ID_PATTERN } from '@pujiang/contracts';
import { GS1_LOT_PATTERN } from '@pujiang/standards';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Largest spreadsheet answered, in characters: main.ts sets the body limit above it. */
export const MAX_SPREADSHEET_CHARACTERS = 8_000_000;

/** The regulator asks one organisation for its records of a lot over a time window. */
export class FsmaRequestDto {
  @ApiProperty({ description: 'MSP id of the organisation asked', pattern: MSP_ID_PATTERN.source })
  @Matches(MSP_ID_PATTERN)
  organisation!: string;

  @ApiProperty({ description: 'GTIN of the lot, 14 digits', pattern: '^\\d{14}$' })
  @Matches(/^\d{14}$/)
  gtin!: string;

  @ApiProperty({
    description: 'Traceability lot code (GS1 batch/lot, AI 10)',
    pattern: GS1_LOT_PATTERN.source,
  })
  @Matches(GS1_LOT_PATTERN)
  lot!: string;

  @ApiProperty({ description: 'Start of the window (ISO 8601 date-time)', format: 'date-time' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ description: 'End of the window (ISO 8601 date-time)', format: 'date-time' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({
    description: 'When the answer is due, if sooner than 24 hours after the request',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  respondBy?: string;
}

/** An organisation's answer: its FSMA 204 sortable spreadsheet (CSV text) for the lot and window. */
export class FsmaAnswerDto {
  @ApiProperty({
    description:
      'The FSMA 204 sortable spreadsheet as CSV, header row first (GET /fsma-204 of traceability)',
    maxLength: MAX_SPREADSHEET_CHARACTERS,
  })
  @IsString()
  @MaxLength(MAX_SPREADSHEET_CHARACTERS)
  spreadsheet!: string;
}
