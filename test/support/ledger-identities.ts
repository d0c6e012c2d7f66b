import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerIdentity } from '@pujiang/ledger-client';
import { stackEnv } from './stack-env';

/** A ledger identity of the local stack, with the ledger party its certificate names. */
export interface StackIdentity extends LedgerIdentity {
  party: string;
}

function identity(mspId: string, certificateFile: string, keyFile: string): StackIdentity {
  const certificatePem = readFileSync(certificateFile, 'utf8');
  const commonName = /^CN=(.+)$/m.exec(new X509Certificate(certificatePem).subject)?.[1];
  if (commonName === undefined) throw new Error(`${certificateFile} has no CN`);
  return {
    mspId,
    certificatePem,
    privateKey: createPrivateKey(readFileSync(keyFile)),
    party: `${mspId}::${commonName}`,
  };
}

/**
 * A service's own identity, enrolled by its organisation's Fabric CA with the
 * role the chaincode checks (scripts/stack/ca-identities.ts).
 */
export function serviceIdentity(org: 1 | 2, key: 'PLATFORM' | 'INSURER' | 'ANCHORER' | 'VESSELS') {
  const env = stackEnv();
  return identity(
    `Org${org}MSP`,
    env[`FABRIC_ORG${org}_${key}_CERT`] ?? '',
    env[`FABRIC_ORG${org}_${key}_KEY`] ?? '',
  );
}

/** The regulator's inspector (RegulatorMSP, role regulator): reads only (decision 0035). */
export function regulatorInspector(): StackIdentity {
  const env = stackEnv();
  return identity(
    env.FABRIC_REGULATOR_MSP_ID ?? '',
    env.FABRIC_REGULATOR_INSPECTOR_CERT ?? '',
    env.FABRIC_REGULATOR_INSPECTOR_KEY ?? '',
  );
}

/**
 * A party's own identity as its service's directory names it: a carrier or
 * surveyor enrolled with its role, or a cryptogen user without one.
 */
export function partyIdentity(
  org: 1 | 2,
  directory: 'EBL_PJA' | 'EBL_PJB' | `CLAIMS_ORG${1 | 2}` | `VESSELS_ORG${1 | 2}`,
  id: string,
): StackIdentity {
  const file = stackEnv()[`${directory}_DIRECTORY_FILE`] ?? '';
  const { parties } = JSON.parse(readFileSync(file, 'utf8')) as {
    parties: { id: string; certificateFile: string; privateKeyFile: string }[];
  };
  const party = parties.find((p) => p.id === id);
  if (party === undefined) throw new Error(`no party ${id} in ${file}`);
  return identity(`Org${org}MSP`, party.certificateFile, party.privateKeyFile);
}

/** cryptogen's Admin of the organisation: node OU `admin`, no role attribute. */
export function organisationAdmin(org: 1 | 2): StackIdentity {
  const { certificateFile, keyFile } = organisationAdminFiles(org);
  return identity(`Org${org}MSP`, certificateFile, keyFile);
}

/** The files of cryptogen's Admin of the organisation, for a gateway configured by path. */
export function organisationAdminFiles(org: 1 | 2): { certificateFile: string; keyFile: string } {
  const name = `Admin@org${org}.pujiang.test`;
  const msp = join(stackEnv()[`FABRIC_ORG${org}_USERS_DIR`] ?? '', name, 'msp');
  return {
    certificateFile: join(msp, 'signcerts', `${name}-cert.pem`),
    keyFile: join(msp, 'keystore', 'priv_sk'),
  };
}
