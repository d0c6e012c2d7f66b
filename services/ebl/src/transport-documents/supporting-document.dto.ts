import { IsBase64, Matches, MaxLength } from 'class-validator';

/** A document a holder attaches to its eBL, to travel with it over PINT (DCSA DocumentMetadata). */
export class SupportingDocumentDto {
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(100)
  name!: string;

  /** The media type (MIME type) of the content. */
  @Matches(/^[\w.+-]+\/[\w.+-]+$/)
  @MaxLength(100)
  mediaType!: string;

  /** The document's bytes, Base64. */
  @IsBase64()
  content!: string;
}
