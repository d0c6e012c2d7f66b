import {
  CrewListRecording,
  VesselAction,
  VesselRecord,
  seafarerPseudonym,
} from '../../../libs/contracts/src/ledger';
import { HullWorld, vesselCover } from '../testing/hull-world';
import {
  IMO,
  MASTER_IDENTITY,
  VesselsWorld,
  certificate,
  people,
  registration,
} from '../testing/vessels-world';

const CLAIM = '5f0c1e2d-3b4a-4c5d-9e8f-a1b2c3d4e5f6';
const LOSS_AT = '2026-11-20T06:30:00.000Z';

/**
 * The vessel as the Vessels contract itself writes it (its own rules, roles
 * and key layout), then read by the Claims contract at notice: one chaincode,
 * one namespace, so the records are copied as they are into the claims ledger.
 */
async function vesselOnLedger(
  ismValidUntil: string,
): Promise<{ ledger: VesselsWorld; record: VesselRecord }> {
  const world = new VesselsWorld();
  await world.register(registration(), people.flagState, '2026-10-01T00:00:00.000Z');
  await world.act(VesselAction.appointManager, people.owner, '2026-10-01T00:30:00.000Z');
  await world.act(VesselAction.assignClass, people.classSociety, '2026-10-01T01:00:00.000Z');
  const json = await world.contract.recordCertificate(
    world.ctx(people.classSociety, '2026-10-01T02:00:00.000Z'),
    IMO,
    certificate('ISM', { validFrom: '2021-11-15T00:00:00.000Z', validUntil: ismValidUntil }),
  );
  await world.recordSeafarerCertificate();
  await world.recordSeafarerCertificate(
    JSON.stringify({
      ...MASTER_IDENTITY,
      salt: '33'.repeat(32),
      certificateRef: 'MED-1',
      kind: 'MEDICAL_FITNESS',
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: '2028-01-01T00:00:00.000Z',
      certificateNumber: 'PH-MED-0011',
      issuingAuthority: 'MARINA, Republic of the Philippines',
    }),
  );
  const crew: CrewListRecording = {
    voyageId: 'V2026-11',
    from: '2026-11-01T00:00:00.000Z',
    crew: [
      {
        seafarerId: seafarerPseudonym(
          MASTER_IDENTITY.identitySalt,
          MASTER_IDENTITY.nationality,
          MASTER_IDENTITY.identityDocument,
        ),
        rank: 'MASTER',
      },
    ],
  };
  await world.recordCrewList(JSON.stringify(crew));
  return { ledger: world, record: JSON.parse(json) as VesselRecord };
}

async function noticeOn(ledger: VesselsWorld) {
  const hull = new HullWorld();
  for (const [key, value] of ledger.ledger.state) hull.ledger.state.set(key, value);
  await hull.createHullPolicy({}, vesselCover({ imoNumber: IMO }));
  return hull.notify({
    claimId: CLAIM,
    policyId: 'HULL-2026-0001',
    peril: 'STRANDING',
    lossDate: LOSS_AT.slice(0, 10),
    lossAt: LOSS_AT,
    discoveredDate: LOSS_AT.slice(0, 10),
    place: 'Hook of Holland',
    containers: [],
    eblReference: undefined,
  });
}

describe('Claims: warranties read from the records the Vessels contract wrote', () => {
  it('finds nothing to flag on a vessel in class, with a valid ISM and a certified master', async () => {
    const { ledger } = await vesselOnLedger('2027-11-15T00:00:00.000Z');
    const claim = await noticeOn(ledger);
    expect(claim.warrantyCheck?.breaches).toEqual([]);
  });

  it('flags the ISM certificate that expired before the loss, naming the transaction that recorded it', async () => {
    const { ledger, record } = await vesselOnLedger('2026-11-15T00:00:00.000Z');
    const ism = record.certificates.find((c) => c.kind === 'ISM');
    const claim = await noticeOn(ledger);
    expect(claim.warrantyCheck?.breaches).toEqual([
      {
        warranty: 'ISM_CERTIFICATE_VALID',
        finding: `ISM certificate ISM-2026-001 expired at 2026-11-15T00:00:00.000Z, before the loss at ${LOSS_AT}`,
        evidence: [
          {
            source: 'certificate',
            reference: 'ISM-2026-001',
            txId: ism?.txId,
            validFrom: '2021-11-15T00:00:00.000Z',
            validUntil: '2026-11-15T00:00:00.000Z',
            sha256: 'ab'.repeat(32),
          },
        ],
      },
    ]);
  });
});
