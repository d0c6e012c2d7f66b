import { isSha256Hex } from '@pujiang/dcsa';
import { EBL_PLATFORM_CODE_PATTERN } from '@pujiang/contracts';
import {
  ACTION_CODES,
  type ActionCode,
  type EblEnvelope,
  type EnvelopeManifest,
  type EnvelopeResponseCode,
  type EnvelopeTransferChainEntry,
  type EnvelopeTransferFinishedResponse,
} from './pint-types';

/**
 * Reads PINT messages from `unknown` (a request body, a verified JWS payload) into their
 * types, or says precisely which field is wrong. A verified signature only proves who sent
 * a payload, not that it is well formed, so every payload passes through here before use.
 * The value returned is the input itself, unchanged: nothing is dropped or reordered.
 */
export type Shape<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export function readEblEnvelope(input: unknown): Shape<EblEnvelope> {
  return read(input, 'envelope', (envelope, at) => {
    const document = field(envelope, 'transportDocument', at);
    const fields = record(document, `${at}.transportDocument`);
    for (const name of ['transportDocumentReference', 'carrierCode']) {
      text(field(fields, name, `${at}.transportDocument`), `${at}.transportDocument.${name}`);
    }
    compactJws(
      field(envelope, 'envelopeManifestSignedContent', at),
      `${at}.envelopeManifestSignedContent`,
    );
    const chain = list(
      field(envelope, 'envelopeTransferChain', at),
      `${at}.envelopeTransferChain`,
      1,
    );
    chain.forEach((entry, i) => compactJws(entry, `${at}.envelopeTransferChain[${i}]`));
  });
}

export function readEnvelopeManifest(input: unknown): Shape<EnvelopeManifest> {
  return read(input, 'manifest', (manifest, at) => {
    checksum(field(manifest, 'transportDocumentChecksum', at), `${at}.transportDocumentChecksum`);
    checksum(
      field(manifest, 'lastEnvelopeTransferChainEntrySignedContentChecksum', at),
      `${at}.lastEnvelopeTransferChainEntrySignedContentChecksum`,
    );
    optional(manifest, 'eBLVisualisationByCarrier', at, documentMetadata);
    optional(manifest, 'supportingDocuments', at, (value, path) =>
      list(value, path).forEach((item, i) => documentMetadata(item, `${path}[${i}]`)),
    );
  });
}

export function readChainEntry(input: unknown, at = 'entry'): Shape<EnvelopeTransferChainEntry> {
  return read(input, at, (entry, path) => {
    platformCode(field(entry, 'eblPlatform', path), `${path}.eblPlatform`);
    checksum(field(entry, 'transportDocumentChecksum', path), `${path}.transportDocumentChecksum`);
    optional(entry, 'previousEnvelopeTransferChainEntrySignedContentChecksum', path, checksum);
    optional(entry, 'issuanceManifestSignedContent', path, compactJws);
    optional(entry, 'controlTrackingRegistry', path, (value, p) => text(value, p));
    const transactions = list(field(entry, 'transactions', path), `${path}.transactions`, 1);
    transactions.forEach((item, i) => transaction(item, `${path}.transactions[${i}]`));
  });
}

const RESPONSE_CODES: readonly EnvelopeResponseCode[] = [
  'RECE',
  'DUPE',
  'BSIG',
  'BENV',
  'INCD',
  'MDOC',
  'DISE',
];

export function readFinishedResponse(input: unknown): Shape<EnvelopeTransferFinishedResponse> {
  return read(input, 'response', (response, at) => {
    checksum(
      field(response, 'lastEnvelopeTransferChainEntrySignedContentChecksum', at),
      `${at}.lastEnvelopeTransferChainEntrySignedContentChecksum`,
    );
    const code = field(response, 'responseCode', at);
    if (!RESPONSE_CODES.includes(code as EnvelopeResponseCode)) {
      throw new ShapeError(`${at}.responseCode is not a PINT response code`);
    }
    optional(
      response,
      'duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent',
      at,
      compactJws,
    );
    optional(response, 'reason', at, (value, path) => text(value, path));
    for (const name of [
      'missingAdditionalDocumentChecksums',
      'receivedAdditionalDocumentChecksums',
    ]) {
      optional(response, name, at, (value, path) =>
        list(value, path).forEach((item, i) => checksum(item, `${path}[${i}]`)),
      );
    }
  });
}

/** Whether a party field is a DCSA platform code (`^\S+$`, at most 4 long). */
export function isPlatformCode(value: unknown): value is string {
  return typeof value === 'string' && EBL_PLATFORM_CODE_PATTERN.test(value);
}

class ShapeError extends Error {}

type Fields = Readonly<Record<string, unknown>>;

function read<T>(
  input: unknown,
  at: string,
  check: (fields: Fields, at: string) => void,
): Shape<T> {
  try {
    check(record(input, at), at);
    return { ok: true, value: input as T };
  } catch (error: unknown) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}

function record(value: unknown, at: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(`${at} is not an object`);
  }
  return value as Fields;
}

function field(fields: Fields, name: string, at: string): unknown {
  if (!(name in fields) || fields[name] === undefined)
    throw new ShapeError(`${at}.${name} is missing`);
  return fields[name];
}

function optional(
  fields: Fields,
  name: string,
  at: string,
  check: (value: unknown, at: string) => void,
) {
  if (fields[name] !== undefined) check(fields[name], `${at}.${name}`);
}

function list(value: unknown, at: string, minItems = 0): readonly unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`${at} is not an array`);
  if (value.length < minItems) throw new ShapeError(`${at} has fewer than ${minItems} item(s)`);
  return value as readonly unknown[];
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new ShapeError(`${at} is not a text`);
  return value;
}

function checksum(value: unknown, at: string): void {
  if (!isSha256Hex(value)) throw new ShapeError(`${at} is not a SHA-256 hex checksum`);
}

function platformCode(value: unknown, at: string): void {
  if (!isPlatformCode(value)) throw new ShapeError(`${at} is not an eBL platform code`);
}

function compactJws(value: unknown, at: string): void {
  if (
    typeof value !== 'string' ||
    !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value)
  ) {
    throw new ShapeError(`${at} is not a JWS compact serialisation`);
  }
}

function documentMetadata(value: unknown, at: string): void {
  const metadata = record(value, at);
  text(field(metadata, 'name', at), `${at}.name`);
  const size = field(metadata, 'size', at);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) {
    throw new ShapeError(`${at}.size is not a whole number of bytes (at least 1)`);
  }
  text(field(metadata, 'mediaType', at), `${at}.mediaType`);
  checksum(field(metadata, 'documentChecksum', at), `${at}.documentChecksum`);
}

function transaction(value: unknown, at: string): void {
  const fields = record(value, at);
  const actionCode = field(fields, 'actionCode', at);
  if (!ACTION_CODES.includes(actionCode as ActionCode)) {
    throw new ShapeError(
      `${at}.actionCode ${JSON.stringify(actionCode)} is not a PINT action code`,
    );
  }
  party(field(fields, 'actor', at), `${at}.actor`);
  optional(fields, 'recipient', at, party);
  const when = text(field(fields, 'actionDateTime', at), `${at}.actionDateTime`);
  if (Number.isNaN(Date.parse(when)))
    throw new ShapeError(`${at}.actionDateTime is not a date-time`);
  for (const name of ['reasonCode', 'comments', 'auditReference']) {
    optional(fields, name, at, (v, path) => text(v, path));
  }
}

function party(value: unknown, at: string): void {
  const fields = record(value, at);
  text(field(fields, 'partyName', at), `${at}.partyName`);
  platformCode(field(fields, 'eblPlatform', at), `${at}.eblPlatform`);
  identifyingCodes(field(fields, 'identifyingCodes', at), `${at}.identifyingCodes`, 1);
  optional(fields, 'representedParty', at, (represented, path) => {
    const representedFields = record(represented, path);
    text(field(representedFields, 'partyName', path), `${path}.partyName`);
    optional(representedFields, 'identifyingCodes', path, (codes, p) =>
      identifyingCodes(codes, p, 0),
    );
  });
}

function identifyingCodes(value: unknown, at: string, minItems: number): void {
  list(value, at, minItems).forEach((item, i) => {
    const code = record(item, `${at}[${i}]`);
    text(field(code, 'codeListProvider', `${at}[${i}]`), `${at}[${i}].codeListProvider`);
    text(field(code, 'partyCode', `${at}[${i}]`), `${at}[${i}].partyCode`);
  });
}
