import { ShipmentLinks } from '../../../../libs/contracts/src/ledger';
import { parseContainer, parseEblReference } from './claim-values';
import { isLotDigitalLink } from './gs1-lot';
import {
  JsonObject,
  asObject,
  optionalStringAt,
  stringMatching,
  uniqueArrayAt,
} from './json-input';

const MAX_CONTAINERS = 1000;
const MAX_LOTS = 1000;

/** What a policy insures (in its private terms): the eBL, containers and lots, each checked. */
export function parseShipment(value: unknown, name: string): ShipmentLinks {
  const o: JsonObject = asObject(value, name, {
    required: ['containers', 'lots'],
    optional: ['eblReference'],
  });
  const ebl = optionalStringAt(o, 'eblReference', name);
  return {
    eblReference: ebl === undefined ? undefined : parseEblReference(ebl, `${name}.eblReference`),
    containers: uniqueArrayAt(o, 'containers', name, MAX_CONTAINERS, parseContainer),
    lots: uniqueArrayAt(
      o,
      'lots',
      name,
      MAX_LOTS,
      stringMatching(isLotDigitalLink, 'a GS1 Digital Link URI of a lot (/01/{GTIN}/10/{lot})'),
    ),
  };
}
