import { KeyObject, X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LedgerParty, ledgerParty } from '@pujiang/contracts';

/** A DCSA-style identifying code of a party (LEI from GLEIF, a platform's own list, …). */
export interface IdentifyingCode {
  codeListProvider: string;
  partyCode: string;
  codeListName?: string;
}

/**
 * A business party that acts on the ledger with its own X.509 identity, held
 * by the service in custody (the "wallet"): the service signs as the party
 * only after authenticating it, and the chaincode checks the signer.
 */
export interface Party {
  id: string;
  partyName: string;
  identifyingCodes: IdentifyingCode[];
  roles: string[];
  ledgerParty: LedgerParty;
  certificatePem: string;
  privateKey: KeyObject;
}

/**
 * Reads the `parties` list of a directory file; certificate and key paths
 * are relative to `baseDir`. Refuses (throws) on the first inconsistency:
 * a service that cannot prove who its parties are must not start.
 */
export function loadParties(entries: unknown, baseDir: string, mspId: string): Party[] {
  if (!Array.isArray(entries)) throw new Error('directory: parties must be a list');
  const parties = entries.map((entry, i) => {
    const p = record(entry, `parties[${i}]`);
    const certificatePem = readFileSync(resolve(baseDir, text(p, 'certificateFile')), 'utf8');
    const commonName = /(?:^|\n)CN=([^\n]+)/.exec(new X509Certificate(certificatePem).subject)?.[1];
    if (commonName === undefined) throw new Error(`parties[${i}]: certificate has no CN`);
    const codes = Array.isArray(p.identifyingCodes) ? p.identifyingCodes : [];
    const roles = Array.isArray(p.roles) ? p.roles : [];
    return {
      id: text(p, 'id'),
      partyName: text(p, 'partyName'),
      identifyingCodes: codes.map((c, j) => {
        const code = record(c, `parties[${i}].identifyingCodes[${j}]`);
        const name = code.codeListName;
        return {
          codeListProvider: text(code, 'codeListProvider'),
          partyCode: text(code, 'partyCode'),
          ...(typeof name === 'string' ? { codeListName: name } : {}),
        };
      }),
      roles: roles.map((r) => String(r)),
      ledgerParty: ledgerParty(mspId, commonName),
      certificatePem,
      privateKey: createPrivateKey(readFileSync(resolve(baseDir, text(p, 'privateKeyFile')))),
    };
  });
  if (new Set(parties.map((p) => p.id)).size !== parties.length) {
    throw new Error('directory: party ids must be unique');
  }
  return parties;
}

export function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected an object`);
  }
  return value as Record<string, unknown>;
}

export function text(value: Record<string, unknown>, key: string): string {
  const found = value[key];
  if (typeof found !== 'string' || found.trim() === '') {
    throw new Error(`directory: ${key} must be a non-empty string`);
  }
  return found;
}
