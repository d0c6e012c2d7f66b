import { Context } from 'fabric-contract-api';
import {
  CrewListRecord,
  SeafarerCertificateRecord,
  ShipboardCapacity,
  VESSEL_KEYS,
  VOYAGE_KEYS,
  VesselRecord,
  VoyageEventRecord,
  crewListCoversAt,
  masterCertificationAt,
} from '../../../libs/contracts/src/ledger';
import { VesselEvidence } from './domain/warranties';

async function readJson<T>(ctx: Context, key: string): Promise<T | undefined> {
  const stored = await ctx.stub.getState(key);
  return stored.length === 0 ? undefined : (JSON.parse(Buffer.from(stored).toString('utf8')) as T);
}

async function readAll<T>(ctx: Context, objectType: string, attributes: string[]): Promise<T[]> {
  const found: T[] = [];
  for await (const entry of ctx.stub.getStateByPartialCompositeKey(objectType, attributes)) {
    found.push(JSON.parse(Buffer.from(entry.value).toString('utf8')) as T);
  }
  return found;
}

/**
 * What the ledger holds on the vessel for a notice at `lossAt`: its record
 * (Vessels contract), the crew lists and the certificates of the masters
 * they name in force then, and its voyage events (Voyages contract). One
 * chaincode, one namespace: these are plain reads of the other contracts'
 * keys, re-checked at commit like any other read.
 */
export async function readVesselEvidence(
  ctx: Context,
  imoNumber: string,
  lossAt: string,
): Promise<VesselEvidence> {
  const vessel = await readJson<VesselRecord>(
    ctx,
    ctx.stub.createCompositeKey(VESSEL_KEYS.vessel, [imoNumber]),
  );
  const crewLists = await readAll<CrewListRecord>(ctx, VESSEL_KEYS.crewList, [imoNumber]);
  const masters = new Set(
    crewLists
      .filter((list) => crewListCoversAt(list, lossAt))
      .flatMap((list) => list.crew.filter((m) => m.rank === ShipboardCapacity.master))
      .map((m) => m.seafarerId),
  );
  const certificates = new Map<string, SeafarerCertificateRecord[]>();
  for (const seafarerId of [...masters].sort()) {
    certificates.set(
      seafarerId,
      await readAll<SeafarerCertificateRecord>(ctx, VESSEL_KEYS.seafarerCertificate, [seafarerId]),
    );
  }
  return {
    ...(vessel === undefined ? {} : { vessel }),
    master: masterCertificationAt(imoNumber, lossAt, crewLists, (id) => certificates.get(id) ?? []),
    voyageEvents: await readAll<VoyageEventRecord>(ctx, VOYAGE_KEYS.event, [imoNumber]),
  };
}
