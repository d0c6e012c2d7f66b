import { IsNotEmptyObject, IsObject, Matches } from 'class-validator';

export class CaptureRecordDto {
  /** What the record describes, e.g. `harvest`, `packing`, `shipping`. */
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, {
    message: 'kind must be a lower-case slug of up to 64 characters',
  })
  kind!: string;

  @IsObject()
  @IsNotEmptyObject()
  payload!: Record<string, unknown>;
}
