const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes DCSA `format: byte` content (RFC 4648 Base64 with padding). Node's decoder skips
 * characters it does not know, which would let two different strings carry the same bytes;
 * here anything but canonical Base64 is refused (undefined) so a checksum is taken over
 * exactly what was sent.
 */
export function decodeBase64Content(content: string): Uint8Array | undefined {
  if (!BASE64.test(content)) return undefined;
  return new Uint8Array(Buffer.from(content, 'base64'));
}

/** The Base64 transport form of a document's bytes, as DCSA `format: byte` fields carry it. */
export function encodeBase64Content(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
