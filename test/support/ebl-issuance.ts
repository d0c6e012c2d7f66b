import { importSigningKey } from '../../services/ebl/src/signing';
import { signIssuanceManifest } from '../../services/ebl/src/issuance/domain';
import { IssuanceRequest } from '../../services/ebl/src/issuance/domain/issuance-types';
import { issuanceRequest } from './dcsa-documents';
import { EblWorld } from './ebl-platforms';

/**
 * The local carrier issues a bill of lading to PJA's shipper as a carrier's
 * system would: DCSA's template filled in, the manifest signed with the
 * carrier's key, PUT with the carrier's bearer token.
 */
export async function issueToShipper(
  world: EblWorld,
  reference: string,
  isToOrder: boolean,
): Promise<{ request: IssuanceRequest; status: number; body: string }> {
  const unsigned = issuanceRequest({
    reference,
    isToOrder,
    carrierCode: world.carrierCode,
    platformCode: 'PJA',
    issueTo: 'shipper',
    issueToName: 'Jiangnan Soy Exporters',
  });
  const request = await signIssuanceManifest(
    unsigned as unknown as Parameters<typeof signIssuanceManifest>[0],
    await importSigningKey(world.carrierKey),
  );
  const res = await fetch(`${world.pja.url}/v3/ebl-issuance-requests`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await world.carrierToken('PJA')}`,
    },
    body: JSON.stringify(request),
  });
  return { request, status: res.status, body: await res.text() };
}
