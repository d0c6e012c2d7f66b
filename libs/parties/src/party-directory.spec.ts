import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerParty } from '@pujiang/contracts';
import { Party } from '@pujiang/wallet';
import { PartyDirectory, readDirectoryFile, readOrganisationsFile } from './party-directory';

const MSP = 'Org1MSP';

function partyOf(id: string, roles: string[], partyCode: string): Party {
  return {
    id,
    partyName: `${id} Ltd`,
    identifyingCodes: [{ codeListProvider: 'GLEIF', partyCode, codeListName: 'LEI' }],
    roles,
    ledgerParty: ledgerParty(MSP, id),
    certificatePem: `-----BEGIN CERTIFICATE-----\n${id}\n-----END CERTIFICATE-----\n`,
    privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
  };
}

describe('PartyDirectory', () => {
  const shipper = partyOf('shipper', ['ebl:trader'], '5493001KJTIIGC8Y1R12');
  const surveyor = partyOf('surveyor', ['claims:surveyor'], '529900T8BM49AURSDO55');
  const directory = new PartyDirectory(MSP, [shipper, surveyor]);

  it('finds a party by directory id, by ledger identity and by identifying code', () => {
    expect(directory.party('surveyor')).toBe(surveyor);
    expect(directory.partyOnLedger(ledgerParty(MSP, 'shipper'))).toBe(shipper);
    expect(
      directory.partyIdentifiedBy([
        { codeListProvider: 'W3C', partyCode: 'did:web:shipper.example' },
        { codeListProvider: 'GLEIF', partyCode: '5493001KJTIIGC8Y1R12' },
      ]),
    ).toBe(shipper);
  });

  it('knows no party by a ledger identity of another organisation, or by a code of another list', () => {
    expect(directory.party('carrier')).toBeUndefined();
    expect(directory.partyOnLedger(ledgerParty('Org2MSP', 'shipper'))).toBeUndefined();
    expect(
      directory.partyIdentifiedBy([
        { codeListProvider: 'DCSA', partyCode: '5493001KJTIIGC8Y1R12' },
      ]),
    ).toBeUndefined();
  });

  it('lets a caller act as its own party of this organisation only', () => {
    expect(directory.actingParty({ party: 'shipper', organisation: MSP })).toBe(shipper);
    expect(directory.actingParty({ party: 'shipper', organisation: 'Org2MSP' })).toBeUndefined();
    expect(directory.actingParty({ party: 'consignee', organisation: MSP })).toBeUndefined();
  });

  it('lets a caller act in a role only if the directory gives its party that role', () => {
    const caller = { party: 'surveyor', organisation: MSP };
    expect(directory.actingParty(caller, 'claims:surveyor')).toBe(surveyor);
    expect(directory.actingParty(caller, 'claims:claimant')).toBeUndefined();
    expect(directory.actingParty(caller, '')).toBeUndefined();
  });

  it('gives the ledger identity a party signs with, in this organisation', () => {
    expect(directory.identityOf(shipper)).toEqual({
      mspId: MSP,
      certificatePem: shipper.certificatePem,
      privateKey: shipper.privateKey,
    });
  });
});

/** A fresh folder per test, removed after it, and a directory file written in it. */
function directoryFiles() {
  const at = { dir: '' };
  beforeEach(() => (at.dir = mkdtempSync(join(tmpdir(), 'party-directory-'))));
  afterEach(() => rmSync(at.dir, { recursive: true, force: true }));
  return {
    dir: () => at.dir,
    fileOf(content: unknown): string {
      const file = join(at.dir, 'directory.json');
      writeFileSync(file, JSON.stringify(content));
      return file;
    },
  };
}

describe('readDirectoryFile', () => {
  const { dir, fileOf } = directoryFiles();

  it('reads the parties and keeps the rest of the file, with paths from its folder', () => {
    const content = { parties: [], platforms: [{ code: 'BOLE' }] };
    const read = readDirectoryFile(fileOf(content), MSP);
    expect(read.content).toEqual(content);
    expect(read.baseDir).toBe(dir());
    expect(read.parties.mspId).toBe(MSP);
    expect(read.parties.party('anyone')).toBeUndefined();
  });

  it('refuses a file that is not an object, or that lists no parties', () => {
    expect(() => readDirectoryFile(fileOf([]), MSP)).toThrow('directory: expected an object');
    expect(() => readDirectoryFile(fileOf({ carriers: [] }), MSP)).toThrow(
      'directory: parties must be a list',
    );
  });
});

describe('readOrganisationsFile', () => {
  const { fileOf } = directoryFiles();

  it('reads one directory per organisation, each of its own MSP', () => {
    const read = readOrganisationsFile(
      fileOf({
        organisations: [
          { mspId: 'Org1MSP', parties: [] },
          { mspId: 'Org2MSP', parties: [] },
        ],
      }),
    );
    expect([...read.keys()]).toEqual(['Org1MSP', 'Org2MSP']);
    expect(read.get('Org2MSP')?.mspId).toBe('Org2MSP');
  });

  it('refuses a file without organisations, one without an MSP id, and one listed twice', () => {
    expect(() => readOrganisationsFile(fileOf({ parties: [] }))).toThrow(
      'directory: organisations must be a list',
    );
    expect(() => readOrganisationsFile(fileOf({ organisations: [{ parties: [] }] }))).toThrow(
      'directory: mspId must be a non-empty string',
    );
    const twice = { organisations: [1, 2].map(() => ({ mspId: 'Org1MSP', parties: [] })) };
    expect(() => readOrganisationsFile(fileOf(twice))).toThrow('Org1MSP is listed twice');
  });
});
