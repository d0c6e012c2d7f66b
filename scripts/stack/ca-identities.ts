/**
 * The identities each organisation's Fabric CA enrols on the local stack, each
 * with its own secret and the role attribute the chaincode checks
 * (docs/decisions/0015-roles-and-identities.md): the services' own identities
 * (eBL platform operator, insurer's claims service, anchoring ledger service)
 * and the parties whose role is checked (carriers, surveyors, flag states,
 * class societies, ship owners and managers, from dev-parties.ts), and the
 * regulator's inspector, enrolled by the regulator's own CA (organisation 3,
 * RegulatorMSP: decision 0035). Role and attribute names come from libs/contracts.
 * fabric-ca.sh runs it and reads one line per identity:
 *   org <TAB> enrolment id <TAB> --id.attrs <TAB> env key (FABRIC_ORG<n>_<key>_CERT) or -
 */
import { LedgerRole, enrolmentAttributes } from '../../libs/contracts/src/ledger';
import { DEV_INSURERS, DEV_PLATFORMS, DEV_VESSEL_PARTIES, DevPartySpec } from './dev-parties';

/** 1 and 2 are the trading organisations, 3 the regulator (fabric/network.sh numbers them so). */
export type StackOrg = 1 | 2 | 3;

export interface CaIdentity {
  org: StackOrg;
  /** Enrolment id, and so the certificate's CN. */
  name: string;
  /** The `--id.attrs` the registrar gives it. */
  attributes: string;
  /**
   * For a service's identity: the env key its certificate and key are published
   * under (FABRIC_ORG<n>_<key>_CERT, FABRIC_REGULATOR_<key>_CERT).
   */
  envKey?: string;
}

/** One identity per service and organisation: the service signs as it, and as nothing else. */
const SERVICES: readonly { name: string; role: LedgerRole; envKey: string }[] = [
  { name: 'Platform', role: LedgerRole.platformOperator, envKey: 'PLATFORM' },
  { name: 'Insurer', role: LedgerRole.insurer, envKey: 'INSURER' },
  { name: 'Anchorer', role: LedgerRole.anchorer, envKey: 'ANCHORER' },
  // The vessels service records voyage events as a platform service (decision 0033).
  { name: 'Vessels', role: LedgerRole.platformOperator, envKey: 'VESSELS' },
];

const domain = (org: StackOrg) => (org === 3 ? 'regulator.pujiang.test' : `org${org}.pujiang.test`);

/** The supervisor's inspector: the identity a supervision service reads the ledger as. */
const REGULATOR_INSPECTOR: CaIdentity = {
  org: 3,
  name: `Inspector@${domain(3)}`,
  attributes: enrolmentAttributes(LedgerRole.regulator),
  envKey: 'INSPECTOR',
};

export function caIdentities(): CaIdentity[] {
  const services = ([1, 2] as const).flatMap((org) =>
    SERVICES.map((s) => ({
      org,
      name: `${s.name}@${domain(org)}`,
      attributes: enrolmentAttributes(s.role),
      envKey: s.envKey,
    })),
  );
  const partiesOf = (org: 1 | 2, parties: readonly DevPartySpec[]) =>
    parties.flatMap((p) =>
      'enrolledAs' in p
        ? [
            {
              org,
              name: `${p.enrolledAs.name}@${domain(org)}`,
              attributes: enrolmentAttributes(p.enrolledAs.role, p.enrolledAs.qualifier),
            },
          ]
        : [],
    );
  const parties = [
    ...DEV_PLATFORMS.flatMap((p) => partiesOf(p.org, p.parties)),
    ...DEV_INSURERS.flatMap((i) => partiesOf(i.org, i.parties)),
    ...DEV_VESSEL_PARTIES.flatMap((v) => partiesOf(v.org, v.parties)),
  ];
  return [...services, ...parties, REGULATOR_INSPECTOR];
}

if (require.main === module) {
  for (const identity of caIdentities()) {
    const line = [identity.org, identity.name, identity.attributes, identity.envKey ?? '-'];
    process.stdout.write(`${line.join('\t')}\n`);
  }
}
