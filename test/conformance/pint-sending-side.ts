import { EblStatus } from '@pujiang/contracts';
import type { EblWorld } from '../support/ebl-platforms';
import { sleep } from '../support/sleep';
import { certificateOf } from './pint-receiving-side';
import type { TestedSide, Unable } from './sandbox-runner';
import { type TestCarrier, issueToPjaShipper } from './test-carrier';

/**
 * DCSA's receiving platform: it names itself CARX to any sender not called CARX, and asks to
 * be sent the eBL for "Jane Doe", or, where the scenario wants an invalid recipient, for a
 * party it does not know (PintReceivingPlatform.generateReceiverParty). The framework gives
 * these to its own synthetic sender; a tested sender's operator reads them off the
 * scenario, as this test does.
 */
export const FRAMEWORK_RECEIVER = 'CARX';
const recipientFor = (scenario: string) => ({
  partyName: 'Jane Doe',
  identifyingCodes: [
    {
      partyCode: scenario.includes('INVALID_RECIPIENT') ? '12345-invalid' : '12345-jane-doe',
      codeListProvider: FRAMEWORK_RECEIVER,
    },
  ],
});

/**
 * What a scenario asks of a sending platform that no user of ours can make PJA do through
 * its API: each of these is a transfer a correct platform never sends by itself, or a call
 * it makes only as a step of a transfer. Matched on the start of the action's title.
 */
const UNABLE: readonly [string, string][] = [
  [
    'RetryTransfer(',
    'PJA sends an envelope again only while it has no verified answer; nothing lets a user ' +
      'resend, re-sign or alter an envelope the receiver has already answered',
  ],
  [
    'SingleRequestTransfer(BSIG',
    'PJA signs every envelope with its registered key; it cannot be made to send a bad signature',
  ],
  [
    'SingleRequestTransfer(BENV, WRONG_RECIPIENT_PLATFORM',
    'PJA names the receiving platform in the recipient itself; a user cannot make them differ',
  ],
  [
    'StartTransfer(',
    'PJA sends no additional documents (eBL visualisation, supporting documents) over PINT yet',
  ],
  [
    'IncorrectSingleRequestTransfer',
    'PJA sends only documents it holds, already validated; a user cannot make it send an ' +
      'invalid facility code',
  ],
  [
    'ReceiverValidation(',
    'PJA validates a recipient only as the first step of a transfer; no API asks it alone',
  ],
];

/**
 * PJA sending over PINT to DCSA's receiving platform. For each scenario the test's carrier
 * issues a fresh to-order eBL to PJA's shipper, and the scenario is told its reference with the
 * certificates of PJA's and the carrier's signing keys; the shipper then sends it to the
 * framework's recipient through PJA's own API (POST /transport-documents/{ref}/pint-transfers),
 * and the test waits until PJA has the receiver's verified answer.
 */
export function pintSendingSide(world: EblWorld, carrier: TestCarrier): TestedSide {
  let sequence = 0;
  let reference: string | undefined;
  const shipperToken = () => world.pja.tokenFor('shipper');
  const statusOf = async (ref: string): Promise<string | undefined> => {
    const res = await fetch(`${world.pja.url}/transport-documents/${ref}`, {
      headers: { authorization: `Bearer ${await shipperToken()}` },
    });
    if (!res.ok) return undefined;
    return ((await res.json()) as { record?: { status?: string } }).record?.status;
  };
  return {
    async input(action) {
      if (!action.startsWith('SupplyScenarioParameters')) {
        throw new Error(`PINT sending: no input known for "${action}"`);
      }
      sequence += 1;
      reference = `PINT${Date.now().toString(36).toUpperCase()}${sequence}`;
      // To the order of the shipper, without the template's consignee: DCSA's framework
      // checks every envelope's document against its rule that a to-order bill has none.
      await issueToPjaShipper(world, carrier, reference, true, { withoutConsignee: true });
      return {
        transportDocumentReference: reference,
        eblPlatform: world.pja.code,
        sendersX509SigningCertificateInPEMFormat: certificateOf(
          world.pja.signingKey,
          world.pja.code,
        ),
        carriersX509SigningCertificateInPEMFormat: certificateOf(carrier.key, carrier.code),
      };
    },
    async act(action, scenario): Promise<Unable | undefined> {
      const unable = UNABLE.find(([prefix]) => action.startsWith(prefix));
      if (unable !== undefined) return { unable: unable[1] };
      if (!action.startsWith('SingleRequestTransfer(') || reference === undefined) {
        throw new Error(`PINT sending: no way known to act on "${action}"`);
      }
      const ref = reference;
      const sent = await fetch(`${world.pja.url}/transport-documents/${ref}/pint-transfers`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await shipperToken()}`,
        },
        body: JSON.stringify({
          receivingPlatform: FRAMEWORK_RECEIVER,
          recipient: recipientFor(scenario),
          actionCode: 'ENDORSE_TO_ORDER',
        }),
      });
      if (sent.status !== 202) {
        throw new Error(`PINT transfer of ${ref}: ${sent.status} ${await sent.text()}`);
      }
      // The envelope leaves from PJA's delivery queue; the action is done once PJA holds the
      // receiver's verified answer (the eBL exported, or back with the shipper).
      for (let i = 0; i < 120; i++) {
        if ((await statusOf(ref)) !== EblStatus.exportPending) return undefined;
        await sleep(500);
      }
      throw new Error(`PINT transfer of ${ref}: no answer from the receiving platform`);
    },
  };
}
