import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { LedgerContract } from '../ledger-contract';
import {
  VOYAGES_CONTRACT,
  VOYAGE_KEYS,
  VoyageEventRecord,
  VoyagesEvent,
} from '../../../libs/contracts/src/ledger';
import { parseImoNumber } from '../../../libs/standards/src';
import { canonicalJson } from '../../../libs/standards/src';
import { invalid } from '../claims/domain/json-input';
import { invokerOf, stampOf } from '../proposal';
import { decideVoyageEvent, parseVoyageEvent } from './domain/voyage-events';

/**
 * Voyage events (issue 21 item 4): a vessel's entries into the areas hull
 * policies care about, as the AIS feed showed them, each with the SHA-256 of
 * its sentences. Public to the channel, like the AIS broadcasts they come
 * from; the claims contract reads them at notice.
 */
@Info({ title: VOYAGES_CONTRACT, description: 'Vessel area entries from AIS position reports' })
export class VoyagesContract extends LedgerContract {
  constructor() {
    super(VOYAGES_CONTRACT);
  }

  @Transaction()
  @Returns('string')
  async recordVoyageEvent(ctx: Context, eventJson: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const input = parseVoyageEvent(eventJson);
    const key = ctx.stub.createCompositeKey(VOYAGE_KEYS.event, [
      input.imoNumber,
      input.at,
      input.kind,
      input.area.areaId,
    ]);
    const stored = await ctx.stub.getState(key);
    const existing =
      stored.length === 0
        ? undefined
        : (JSON.parse(Buffer.from(stored).toString('utf8')) as VoyageEventRecord);
    const json = canonicalJson(decideVoyageEvent(input, invoker, stampOf(ctx), existing));
    await ctx.stub.putState(key, Buffer.from(json));
    ctx.stub.setEvent(VoyagesEvent.recorded, Buffer.from(json));
    return json;
  }

  /** The vessel's voyage events in time order, as a JSON array. */
  @Transaction(false)
  @Returns('string')
  async readVoyageEvents(ctx: Context, imoNumber: string): Promise<string> {
    const imo = parseImoNumber(imoNumber) ?? invalid('imoNumber must be an IMO number');
    const events: unknown[] = [];
    for await (const entry of ctx.stub.getStateByPartialCompositeKey(VOYAGE_KEYS.event, [imo])) {
      events.push(JSON.parse(Buffer.from(entry.value).toString('utf8')));
    }
    return canonicalJson(events);
  }
}
