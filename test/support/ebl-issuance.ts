import type { KeyObject } from 'node:crypto';
import { importSigningKey } from '../../services/ebl/src/signing';
import { signIssuanceManifest } from '../../services/ebl/src/issuance/domain';
import { IssuanceRequest } from '../../services/ebl/src/issuance/domain/issuance-types';
import { IssuanceRequestOptions, issuanceRequest } from './dcsa-documents';
import { EblWorld } from './ebl-platforms';

/**
 * The local carrier (or another carrier registered on PJA) issues a bill of
 * lading to PJA's shipper as a carrier's system would: DCSA's template filled in, the manifest signed with the
 * carrier's key, PUT with the carrier's bearer token.
 */
export async function issueToShipper(
  world: EblWorld,
  reference: string,
  isToOrder: boolean,
  carrier: { code: string; key: KeyObject; token: () => Promise<string> } = {
    code: world.carrierCode,
    key: world.carrierKey,
    token: () => world.carrierToken('PJA'),
  },
  options: Pick<IssuanceRequestOptions, 'withoutConsignee' | 'visualisation'> = {},
): Promise<{ request: IssuanceRequest; status: number; body: string }> {
  const unsigned = issuanceRequest({
    reference,
    isToOrder,
    carrierCode: carrier.code,
    platformCode: 'PJA',
    issueTo: 'shipper',
    issueToName: 'Jiangnan Soy Exporters',
    ...options,
  });
  const request = await signIssuanceManifest(
    unsigned as unknown as Parameters<typeof signIssuanceManifest>[0],
    await importSigningKey(carrier.key),
  );
  const res = await fetch(`${world.pja.url}/v3/ebl-issuance-requests`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await carrier.token()}`,
    },
    body: JSON.stringify(request),
  });
  return { request, status: res.status, body: await res.text() };
}
