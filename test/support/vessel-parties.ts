import { randomBytes } from 'node:crypto';
import { Principal } from '@pujiang/auth';
import { imoCheckDigit } from '@pujiang/standards';

/** A fresh, valid IMO number per run: the ledger keeps every vessel for ever. */
export function freshImo(): string {
  const stem = String(100_000 + (randomBytes(4).readUInt32BE() % 900_000));
  return `${stem}${imoCheckDigit(stem)}`;
}

export const ORG1 = 'Org1MSP';
export const ORG2 = 'Org2MSP';

/** A caller of the vessels service with one `vessels:` role. */
export const vesselCaller = (organisation: string, party: string, role: string): Principal => ({
  organisation,
  party,
  roles: [`vessels:${role}`],
});

/** The local vessel parties (scripts/stack/dev-parties.ts DEV_VESSEL_PARTIES). */
export const REGISTRY = vesselCaller(ORG1, 'registry', 'flag-state');
export const OWNER = vesselCaller(ORG1, 'owner', 'owner');
export const MANAGER = vesselCaller(ORG1, 'manager', 'manager');
export const CLASS_SOCIETY = vesselCaller(ORG2, 'class-society', 'class-society');
/** An insurer reads vessel records and asks about the master; it signs nothing there. */
export const VESSEL_INSURER = vesselCaller(ORG2, 'insurer', 'insurer');
/** Org1's insurer: keeps the trading limits of the vessels it covers and its port areas. */
export const ORG1_INSURER = vesselCaller(ORG1, 'insurer', 'insurer');
/** The keeper of the war-risk lists in Org1's area register. */
export const WAR_RISK_LISTS = vesselCaller(ORG1, 'war-risk-lists', 'war-risk-lists');
