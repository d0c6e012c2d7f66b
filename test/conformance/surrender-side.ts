import type { EblWorld } from '../support/ebl-platforms';
import type { TestedSide } from './sandbox-runner';
import { type TestCarrier, issueToPjaShipper } from './test-carrier';

interface Answer {
  status: number;
  body: { record?: { status?: string }; detail?: string };
}

/**
 * Our platform's side of eBL Surrender: for each surrender the scenario asks of the platform,
 * the carrier issues a fresh eBL to PJA's shipper (negotiable when the scenario says so), and
 * its holder asks our platform to surrender it, for delivery or for amendment (switching to
 * paper when asked), through our own API; our platform then sends the DCSA surrender request
 * to the carrier, the framework.
 */
export function surrenderSide(world: EblWorld, carrier: TestCarrier): TestedSide {
  let sequence = 0;
  const act = async (party: string, ref: string, body: Record<string, string>): Promise<Answer> => {
    const res = await fetch(`${world.pja.url}/transport-documents/${ref}/actions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await world.pja.tokenFor(party)}`,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  return {
    input(action) {
      return Promise.reject(
        new Error(`eBL Surrender: the platform is never asked for input ("${action}")`),
      );
    },
    async act(action, scenario) {
      sequence += 1;
      const ref = `CONF${Date.now().toString(36).toUpperCase()}${sequence}`;
      const isToOrder = /Negotiable/i.test(scenario);
      await issueToPjaShipper(world, carrier, ref, isToOrder);
      const forAmendment = /Amendment/.test(action);
      const answer = await act('shipper', ref, {
        action: forAmendment ? 'SURRENDER_FOR_AMENDMENT' : 'SURRENDER_FOR_DELIVERY',
        ...(/SwitchToPaper/.test(action) ? { reasonCode: 'SWTP' } : {}),
      });
      if (answer.status !== 200) {
        throw new Error(
          `surrender of ${ref} for "${action}": ${answer.status} ${JSON.stringify(answer.body)}`,
        );
      }
      return undefined;
    },
  };
}
