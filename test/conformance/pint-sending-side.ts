import { EblStatus } from '@pujiang/contracts';
import type { EblWorld } from '../support/ebl-platforms';
import { sleep } from '../support/sleep';
import { certificateOf } from './pint-receiving-side';
import type { EblEnvelope } from '../../services/ebl/src/pint/domain/pint-types';
import { ScriptedPintSender } from './pint-scripted-sender';
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
 * PJA sending over PINT to DCSA's receiving platform. For each scenario the test's carrier
 * issues a fresh to-order eBL to PJA's shipper, and the scenario is told its reference with the
 * certificates of PJA's and the carrier's signing keys. What a user can ask of PJA goes
 * through PJA's own API: a transfer in one request (POST /transport-documents/{ref}/pint-transfers,
 * the test then waits until PJA has the receiver's verified answer) and receiver validation
 * (POST /pint-receiver-validations). Every other step (a bad signature, a wrong recipient
 * platform, an altered document, a retry of an answered envelope, a transfer with documents
 * one step per framework action) is played by the test-only ScriptedPintSender with PJA's
 * own envelope code and key (pint-scripted-sender.ts).
 */
export function pintSendingSide(
  world: EblWorld,
  carrier: TestCarrier,
  receiver: { endpoint: string; lastEnvelopeSentByPja(): unknown },
): TestedSide {
  const scripted = new ScriptedPintSender({
    world,
    receiver: { code: FRAMEWORK_RECEIVER, endpoint: receiver.endpoint },
    lastEnvelopeSentByPja: () => receiver.lastEnvelopeSentByPja() as EblEnvelope | undefined,
  });
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
    async input(action, _suggested, scenario) {
      if (!action.startsWith('SupplyScenarioParameters')) {
        throw new Error(`PINT sending: no input known for "${action}"`);
      }
      sequence += 1;
      reference = `PINT${Date.now().toString(36).toUpperCase()}${sequence}`;
      // To the order of the shipper, without the template's consignee: DCSA's framework
      // checks every envelope's document against its rule that a to-order bill has none.
      const issuanceManifestSignedContent = await issueToPjaShipper(
        world,
        carrier,
        reference,
        true,
        { withoutConsignee: true },
      );
      scripted.begin({
        reference,
        issuanceManifestSignedContent,
        recipient: recipientFor(scenario),
        documentCount: Number(/\[D:(\d+)\]/.exec(action)?.[1] ?? '0'),
      });
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
      if (action.startsWith('ReceiverValidation(')) return validateReceiver(world);
      // What no user can ask of PJA (a bad signature, a retry of an answered envelope, a
      // document step by step...): PJA's envelope code and key, driven by the test.
      if ((await scripted.act(action)) !== undefined) return undefined;
      if (!action.startsWith('SingleRequestTransfer(') || reference === undefined) {
        throw new Error(`PINT sending: no way known to act on "${action}"`);
      }
      const ref = reference;
      const sent = await postAsShipper(world, `/transport-documents/${ref}/pint-transfers`, {
        receivingPlatform: FRAMEWORK_RECEIVER,
        recipient: recipientFor(scenario),
        actionCode: 'ENDORSE_TO_ORDER',
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

/**
 * DCSA's receiving platform asks the sender to validate the party its operator was told
 * (SupplyValidationEndpointScenarioParametersAction.getJsonForPrompt): PJA's shipper asks
 * through PJA's own API, and PJA asks the receiver.
 */
async function validateReceiver(world: EblWorld): Promise<Unable | undefined> {
  const res = await postAsShipper(world, '/pint-receiver-validations', {
    receivingPlatform: FRAMEWORK_RECEIVER,
    identifyingCode: { codeListProvider: 'ZZZ', partyCode: 'valid-party', codeListName: 'CTK' },
  });
  if (res.status !== 200) {
    throw new Error(`receiver validation through PJA: ${res.status} ${await res.text()}`);
  }
  return undefined;
}

/** PJA's shipper asks PJA's own API for something. */
async function postAsShipper(world: EblWorld, path: string, body: unknown): Promise<Response> {
  return fetch(`${world.pja.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await world.pja.tokenFor('shipper')}`,
    },
    body: JSON.stringify(body),
  });
}
