/**
 * Keys and directories for the local parties, so the eBL and claims services
 * can be run and tested without any external party:
 *   eBL platform PJA on Org1 (carrier, shipper, bank, consignee, forwarder),
 *   eBL platform PJB on Org2 (a consignee and a bank receiving over PINT),
 *   an insurer on each organisation with a claimant and a surveyor,
 *   a traceability party on each organisation who grants access to its events,
 * plus the local identity provider's key that signs bearer tokens and the
 * insurers' shared duplicate-detection key. Every party acts on the ledger
 * with its own certificate: a cryptogen user (User2..User8 of its
 * organisation), or, for a party whose role the chaincode checks (carrier,
 * surveyor), the one its organisation's Fabric CA enrolled with that role
 * (scripts/stack/ca-identities.ts).
 * Run by `npm run stack:up` after Fabric; prints KEY=value lines for .stack/env.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerRole } from '../../libs/contracts/src/ledger';

/** A party's certificate that its organisation's Fabric CA issues with a role attribute. */
export interface DevEnrolment {
  /** Enrolment id before `@org<n>.pujiang.test`: the certificate's CN. */
  name: string;
  role: LedgerRole;
  /** A carrier's code, or a flag state's flag: the attribute qualifying its role. */
  qualifier?: string;
}

export type DevPartySpec = {
  id: string;
  partyName: string;
  roles: string[];
} & (
  | { /** cryptogen's User<n> of the organisation: an identity without a role. */ user: number }
  | { enrolledAs: DevEnrolment }
);

export interface DevPlatformSpec {
  code: string;
  org: 1 | 2;
  parties: DevPartySpec[];
  /** Carriers issuing to this platform: party id → carrier code. */
  carriers: { partyId: string; carrierCode: string }[];
}

export const DEV_PLATFORMS: readonly DevPlatformSpec[] = [
  {
    code: 'PJA',
    org: 1,
    parties: [
      {
        id: 'carrier',
        partyName: 'Pujiang Container Line',
        enrolledAs: { name: 'PJCL', role: LedgerRole.carrier, qualifier: 'PJCL' },
        roles: ['ebl:carrier'],
      },
      { id: 'shipper', partyName: 'Jiangnan Soy Exporters', user: 3, roles: ['ebl:trader'] },
      { id: 'bank', partyName: 'Bank of the Bund', user: 4, roles: ['ebl:trader'] },
      { id: 'consignee', partyName: 'Rotterdam Food Imports', user: 5, roles: ['ebl:trader'] },
      { id: 'forwarder', partyName: 'Huangpu Forwarding', user: 6, roles: ['ebl:trader'] },
    ],
    carriers: [{ partyId: 'carrier', carrierCode: 'PJCL' }],
  },
  {
    code: 'PJB',
    org: 2,
    parties: [
      { id: 'consignee', partyName: 'Hamburg Grain Trading', user: 2, roles: ['ebl:trader'] },
      { id: 'bank', partyName: 'Hanseatic Trade Bank', user: 3, roles: ['ebl:trader'] },
    ],
    carriers: [],
  },
];

/** Each organisation's insurer and the parties its claims service acts for. */
export const DEV_INSURERS: readonly { org: 1 | 2; parties: DevPartySpec[] }[] = [
  {
    org: 1,
    parties: [
      { id: 'consignee', partyName: 'Rotterdam Food Imports', user: 5, roles: ['claims:claimant'] },
      {
        id: 'surveyor',
        partyName: 'Delta Cargo Surveyors',
        enrolledAs: { name: 'Surveyor', role: LedgerRole.surveyor },
        roles: ['claims:surveyor'],
      },
    ],
  },
  {
    org: 2,
    parties: [
      { id: 'consignee', partyName: 'Hamburg Grain Trading', user: 2, roles: ['claims:claimant'] },
      {
        id: 'surveyor',
        partyName: 'Elbe Marine Surveys',
        enrolledAs: { name: 'Surveyor', role: LedgerRole.surveyor },
        roles: ['claims:surveyor'],
      },
    ],
  },
];

/**
 * The parties of each organisation the traceability service signs grants for
 * (one service for all organisations): Org1's packer, Org2's retailer.
 */
export const DEV_TRACE_PARTIES: readonly { org: 1 | 2; parties: DevPartySpec[] }[] = [
  {
    org: 1,
    parties: [
      { id: 'packer', partyName: 'Huangpu Fresh Packers', user: 8, roles: ['trace:share'] },
    ],
  },
  {
    org: 2,
    parties: [{ id: 'retailer', partyName: 'Elbe Fresh Markets', user: 5, roles: ['trace:share'] }],
  },
];

/**
 * The vessel registry's parties each organisation's vessels service acts for
 * (issue 21), each with its own certificate and role: Panama's registry,
 * an owner and its ship manager on Org1; a class society, an owner and a
 * manager on Org2.
 */
export const DEV_VESSEL_PARTIES: readonly { org: 1 | 2; parties: DevPartySpec[] }[] = [
  {
    org: 1,
    parties: [
      {
        id: 'registry',
        partyName: 'Panama Maritime Authority, Directorate of Merchant Marine',
        enrolledAs: { name: 'Registry', role: LedgerRole.flagState, qualifier: 'PA' },
        roles: ['vessels:flag-state'],
      },
      {
        id: 'owner',
        partyName: 'Huangpu Bulk Shipping Co.',
        enrolledAs: { name: 'Shipowner', role: LedgerRole.shipOwner },
        roles: ['vessels:owner'],
      },
      {
        id: 'manager',
        partyName: 'Huangpu Ship Management Ltd.',
        enrolledAs: { name: 'ShipManager', role: LedgerRole.shipManager },
        roles: ['vessels:manager'],
      },
    ],
  },
  {
    org: 2,
    parties: [
      {
        id: 'class-society',
        partyName: 'Elbe Register of Shipping',
        enrolledAs: { name: 'ClassSociety', role: LedgerRole.classSociety },
        roles: ['vessels:class-society'],
      },
      {
        id: 'owner',
        partyName: 'Elbe Tramp Owners GmbH',
        enrolledAs: { name: 'Shipowner', role: LedgerRole.shipOwner },
        roles: ['vessels:owner'],
      },
      {
        id: 'manager',
        partyName: 'Elbe Crew Management GmbH',
        enrolledAs: { name: 'ShipManager', role: LedgerRole.shipManager },
        roles: ['vessels:manager'],
      },
    ],
  },
];

export interface DevPlatformsOptions {
  outDir: string;
  /** FABRIC_ORG<n>_USERS_DIR of each organisation. */
  usersDir: (org: 1 | 2) => string;
  /** Base URL of each platform's eBL service, by platform code. */
  endpoint: (code: string) => string;
  /** Where the local carriers receive issuance responses and surrender requests. */
  carrierEndpoint: string;
}

function writeKeyPair(
  dir: string,
  name: string,
): { privateKeyFile: string; publicKeyFile: string } {
  const privateKeyFile = join(dir, `${name}.key.pem`);
  const publicKeyFile = join(dir, `${name}.pub.pem`);
  if (!existsSync(privateKeyFile)) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(privateKeyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    writeFileSync(publicKeyFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return { privateKeyFile, publicKeyFile };
}

/** Where a party's certificate and key are: cryptogen's user, or the CA's enrolment. */
function partyCredentials(party: DevPartySpec, users: string, org: 1 | 2) {
  if ('enrolledAs' in party) {
    const msp = join(users, `${party.enrolledAs.name}@org${org}.pujiang.test`, 'msp');
    return {
      certificateFile: join(msp, 'signcerts', 'cert.pem'),
      privateKeyFile: join(msp, 'keystore', 'priv_sk'),
    };
  }
  const user = `User${party.user}@org${org}.pujiang.test`;
  return {
    certificateFile: join(users, user, 'msp', 'signcerts', `${user}-cert.pem`),
    privateKeyFile: join(users, user, 'msp', 'keystore', 'priv_sk'),
  };
}

/**
 * A party's directory entry. DCSA allows only its listed code-list providers in identifying
 * codes; a platform's own party list is none of them, so its codes are `ZZZ` (mutually
 * defined), the list named by codeListName and each code prefixed with it.
 */
function partyEntry(party: DevPartySpec, users: string, org: 1 | 2, codeList: string) {
  return {
    id: party.id,
    partyName: party.partyName,
    identifyingCodes: [devPartyCode(codeList, party.id)],
    roles: party.roles,
    ...partyCredentials(party, users, org),
  };
}

/** The identifying code of local party `id` on the list `codeList` (a platform, insurer...). */
export function devPartyCode(
  codeList: string,
  id: string,
): { codeListProvider: 'ZZZ'; partyCode: string; codeListName: string } {
  return {
    codeListProvider: 'ZZZ',
    partyCode: `${codeList}-${id.toUpperCase()}`,
    codeListName: codeList,
  };
}

/** Writes keys (kept across runs) and directories; returns the env lines. */
export function writeDevPlatforms(options: DevPlatformsOptions): Record<string, string> {
  mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
  const idp = writeKeyPair(options.outDir, 'identity-provider');
  const keys = new Map(
    DEV_PLATFORMS.map((p) => [p.code, writeKeyPair(options.outDir, `platform-${p.code}`)]),
  );
  const carrierKeys = new Map(
    DEV_PLATFORMS.flatMap((p) => p.carriers).map((c) => [
      c.carrierCode,
      writeKeyPair(options.outDir, `carrier-${c.carrierCode}`),
    ]),
  );
  const env: Record<string, string> = {
    AUTH_JWT_ISSUER: 'https://idp.pujiang.local',
    AUTH_JWT_AUDIENCE: 'pujiang',
    AUTH_JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
    AUTH_JWT_PRIVATE_KEY_FILE: idp.privateKeyFile,
  };
  for (const platform of DEV_PLATFORMS) {
    const users = options.usersDir(platform.org);
    const directory = {
      parties: platform.parties.map((party) =>
        partyEntry(party, users, platform.org, platform.code),
      ),
      carriers: platform.carriers.map((carrier) => ({
        partyId: carrier.partyId,
        carrierCode: carrier.carrierCode,
        carrierCodeListProvider: 'NMFTA',
        publicKeyFile: carrierKeys.get(carrier.carrierCode)?.publicKeyFile,
        endpoint: options.carrierEndpoint,
      })),
      platforms: DEV_PLATFORMS.filter((other) => other.code !== platform.code).map((other) => ({
        code: other.code,
        endpoint: options.endpoint(other.code),
        publicKeyFile: keys.get(other.code)?.publicKeyFile,
        // On the same channel: the receiving chaincode checks the sender's own record.
        mspId: `Org${other.org}MSP`,
      })),
      // Every local carrier's key, to verify issuance manifests arriving by PINT.
      knownCarriers: [...carrierKeys].map(([carrierCode, pair]) => ({
        carrierCode,
        publicKeyFile: pair.publicKeyFile,
      })),
    };
    const file = join(options.outDir, `directory-${platform.code}.json`);
    writeFileSync(file, `${JSON.stringify(directory, null, 2)}\n`);
    env[`EBL_${platform.code}_DIRECTORY_FILE`] = file;
    env[`EBL_${platform.code}_SIGNING_KEY_FILE`] = keys.get(platform.code)?.privateKeyFile ?? '';
  }
  for (const [code, pair] of carrierKeys) env[`EBL_CARRIER_${code}_KEY_FILE`] = pair.privateKeyFile;
  for (const insurer of DEV_INSURERS) {
    const users = options.usersDir(insurer.org);
    const file = join(options.outDir, `claims-directory-org${insurer.org}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ parties: insurer.parties.map((p) => partyEntry(p, users, insurer.org, `INS${insurer.org}`)) }, null, 2)}\n`,
    );
    env[`CLAIMS_ORG${insurer.org}_DIRECTORY_FILE`] = file;
  }
  for (const { org, parties } of DEV_VESSEL_PARTIES) {
    const users = options.usersDir(org);
    const file = join(options.outDir, `vessels-directory-org${org}.json`);
    const entries = parties.map((p) => partyEntry(p, users, org, `VESSELS${org}`));
    writeFileSync(file, `${JSON.stringify({ parties: entries }, null, 2)}\n`);
    env[`VESSELS_ORG${org}_DIRECTORY_FILE`] = file;
  }
  const traceFile = join(options.outDir, 'traceability-directory.json');
  const organisations = DEV_TRACE_PARTIES.map(({ org, parties }) => ({
    mspId: `Org${org}MSP`,
    parties: parties.map((p) => partyEntry(p, options.usersDir(org), org, `TRACE${org}`)),
  }));
  writeFileSync(traceFile, `${JSON.stringify({ organisations }, null, 2)}\n`);
  env.TRACEABILITY_DIRECTORY_FILE = traceFile;
  const fingerprintKey = join(options.outDir, 'claims-fingerprint.key');
  if (!existsSync(fingerprintKey)) {
    writeFileSync(fingerprintKey, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  env.CLAIMS_FINGERPRINT_KEY_FILE = fingerprintKey;
  return env;
}

if (require.main === module) {
  const stackDir = process.env.STACK_DIR ?? join(__dirname, '..', '..', '.stack');
  const usersDir = (org: 1 | 2) => {
    const dir = process.env[`FABRIC_ORG${org}_USERS_DIR`];
    if (dir === undefined)
      throw new Error(`FABRIC_ORG${org}_USERS_DIR is not set (Fabric env missing)`);
    return dir;
  };
  const ports: Record<string, number> = { PJA: 3003, PJB: 3005 };
  const env = writeDevPlatforms({
    outDir: join(stackDir, 'ebl'),
    usersDir,
    endpoint: (code) => `http://127.0.0.1:${ports[code] ?? 3003}`,
    carrierEndpoint: 'http://127.0.0.1:3090',
  });
  for (const [key, value] of Object.entries(env)) process.stdout.write(`${key}=${value}\n`);
}
