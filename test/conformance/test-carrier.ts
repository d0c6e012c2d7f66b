import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { EblWorld } from '../support/ebl-platforms';
import { issueToShipper } from '../support/ebl-issuance';
import { sleep } from '../support/sleep';

/**
 * A carrier the test plays, registered in PJA's directory with a key of its own: it issues
 * the eBLs that our platform then surrenders or sends on, where the framework issues none.
 */
export interface TestCarrier {
  code: string;
  key: KeyObject;
}

/**
 * The carrier issues a fresh eBL to PJA's shipper, and waits until the shipper holds it.
 * Returns the carrier's signed issuance manifest.
 */
export async function issueToPjaShipper(
  world: EblWorld,
  carrier: TestCarrier,
  reference: string,
  isToOrder: boolean,
  options: { withoutConsignee?: boolean } = {},
): Promise<string> {
  const token = () =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(carrier.code)
      .setAudience(world.pja.code)
      .setExpirationTime('2m')
      .sign(carrier.key);
  const { request, status, body } = await issueToShipper(
    world,
    reference,
    isToOrder,
    {
      code: carrier.code,
      key: carrier.key,
      token,
    },
    options,
  );
  if (status !== 204) throw new Error(`issuing ${reference}: ${status} ${body}`);
  for (let i = 0; i < 120; i++) {
    const res = await fetch(`${world.pja.url}/transport-documents/${reference}`, {
      headers: { authorization: `Bearer ${await world.pja.tokenFor('shipper')}` },
    });
    if (res.ok) return request.issuanceManifestSignedContent;
    await sleep(500);
  }
  throw new Error(`${reference} was not issued to the shipper`);
}
