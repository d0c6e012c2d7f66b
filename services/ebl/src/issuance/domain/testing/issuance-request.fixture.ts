import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnsignedIssuanceRequest } from '../issuance-types';

const SAMPLE = join(
  __dirname,
  '../../../../../../test/fixtures/dcsa/messages/eblissuance-v3.0.0-request.json',
);

/**
 * DCSA's sample issuance request, its placeholders replaced by values its schema accepts:
 * `reference` as the transport document reference, PUJI as the platform to send it to.
 */
export function sampleRequest(reference: string): UnsignedIssuanceRequest {
  const text = readFileSync(SAMPLE, 'utf8')
    .replace('TRANSPORT_DOCUMENT_REFERENCE_PLACEHOLDER', reference)
    .replace('SEND_TO_PLATFORM_PLACEHOLDER', 'PUJI');
  return JSON.parse(text) as UnsignedIssuanceRequest;
}
