import { KeyObject, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MSP_ID_PATTERN } from '@pujiang/contracts';
import { PartyDirectory, readDirectoryFile } from '@pujiang/parties';
import { Party, record, text } from '@pujiang/wallet';

export { IdentifyingCode, Party } from '@pujiang/wallet';

/** A carrier that issues eBLs to this platform; it acts on the ledger as one of the parties. */
export interface Carrier {
  carrierCode: string;
  carrierCodeListProvider: string;
  party: Party;
  /** Verifies the carrier's issuance manifests and its calls to us. */
  publicKey: KeyObject;
  /** Base URL of the carrier's DCSA endpoints (issuance and surrender responses go there). */
  endpoint: string;
}

/** Another eBL platform we exchange documents with over PINT. */
export interface Platform {
  code: string;
  endpoint: string;
  publicKey: KeyObject;
  /**
   * The platform's organisation when it is on our Fabric channel: its ledger record of a
   * document it sends us must show the export (the Ebl chaincode's importTransfer checks).
   */
  mspId?: string;
}

/** A carrier's registered key, known to verify its issuance manifests arriving by PINT. */
export interface KnownCarrier {
  carrierCode: string;
  publicKey: KeyObject;
}

export interface Directory {
  parties: PartyDirectory;
  carriers: Carrier[];
  platforms: Platform[];
  /** Carriers that issue elsewhere; optional in the file. Issuing carriers are known too. */
  knownCarriers: KnownCarrier[];
}

/**
 * Reads the directory file and everything it points to (certificates, keys),
 * refusing to start on the first inconsistency: a platform that cannot prove
 * who its parties are must not run. Paths are relative to the file.
 */
export function loadDirectory(file: string, mspId: string): Directory {
  const { parties, content: root, baseDir } = readDirectoryFile(file, mspId);
  const at = (path: string) => resolve(baseDir, path);
  const carriers = list(root, 'carriers').map((entry, i) => {
    const c = record(entry, `carriers[${i}]`);
    const party = parties.party(text(c, 'partyId'));
    if (party === undefined) throw new Error(`carriers[${i}]: partyId names no party`);
    return {
      carrierCode: text(c, 'carrierCode'),
      carrierCodeListProvider: text(c, 'carrierCodeListProvider'),
      party,
      publicKey: createPublicKey(readFileSync(at(text(c, 'publicKeyFile')))),
      endpoint: url(text(c, 'endpoint')),
    };
  });
  const platforms = list(root, 'platforms').map((entry, i) => {
    const p = record(entry, `platforms[${i}]`);
    const platformMspId = p.mspId === undefined ? undefined : text(p, 'mspId');
    if (platformMspId !== undefined && !MSP_ID_PATTERN.test(platformMspId)) {
      throw new Error(`platforms[${i}]: mspId is not an MSP id`);
    }
    return {
      code: text(p, 'code'),
      endpoint: url(text(p, 'endpoint')),
      publicKey: createPublicKey(readFileSync(at(text(p, 'publicKeyFile')))),
      ...(platformMspId === undefined ? {} : { mspId: platformMspId }),
    };
  });
  const knownCarriers = (Array.isArray(root.knownCarriers) ? root.knownCarriers : []).map(
    (entry, i) => {
      const c = record(entry, `knownCarriers[${i}]`);
      return {
        carrierCode: text(c, 'carrierCode'),
        publicKey: createPublicKey(readFileSync(at(text(c, 'publicKeyFile')))),
      };
    },
  );
  return { parties, carriers, platforms, knownCarriers };
}

function list(value: Record<string, unknown>, key: string): unknown[] {
  const found = value[key];
  if (!Array.isArray(found)) throw new Error(`directory: ${key} must be a list`);
  return found;
}

function url(value: string): string {
  const parsed = new URL(value);
  return parsed.toString().replace(/\/$/, '');
}
