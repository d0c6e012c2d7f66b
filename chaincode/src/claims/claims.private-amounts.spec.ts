import { KeyEndorsementPolicy } from 'fabric-shim';
import {
  ClaimsTransientKey,
  ShipmentLinks,
  insurerCollection,
} from '../../../libs/contracts/src/ledger';
import {
  PRIVATE_TERMS,
  CLAIM_ID,
  COLLECTIONS_CONFIG,
  ClaimsWorld,
  HASH,
  POLICY_ID,
  privateTermsBytes,
  noticeInput,
  people,
  reach,
  worldWithPolicy,
} from '../testing/claims-world';
import { partyOf } from '../testing/people';

const ORG2_POLICY = 'POL-ORG2-0001';

describe('Claims private policy terms and claim details', () => {
  it('keeps the amounts, insured and shipment in the insurer collection and writes no public state or event', async () => {
    const world = new ClaimsWorld();
    await world.createPolicy({}, people.insurer, null);
    const publicBefore = JSON.stringify([...world.ledger.state]);
    const events = world.ledger.events.length;

    await world.setPrivateTerms(POLICY_ID);

    expect(JSON.stringify([...world.ledger.state])).toBe(publicBefore);
    expect(world.ledger.events).toHaveLength(events);
    expect([...world.ledger.privateState.keys()]).toEqual(['Org1MSPPrivate']);
    const stored = [...(world.ledger.privateState.get('Org1MSPPrivate')?.values() ?? [])];
    expect(stored.map((v) => Buffer.from(v).toString('utf8'))).toEqual([
      privateTermsBytes().toString('utf8'),
    ]);
  });

  it('lets the insurer read them back on its own peer, as the bytes that hash to privateTermsHash', async () => {
    const world = await worldWithPolicy();
    await world.setPrivateTerms(POLICY_ID);

    const json = await world.readPrivateTerms(POLICY_ID);

    expect(JSON.parse(json)).toEqual(PRIVATE_TERMS);
    expect(HASH(json)).toBe((await world.readPolicy(POLICY_ID)).privateTermsHash);
  });

  it("puts another insurer's private terms in that insurer's own collection", async () => {
    const world = new ClaimsWorld();
    await world.createPolicy({ policyId: ORG2_POLICY }, people.foreignInsurer, null);

    await world.setPrivateTerms(ORG2_POLICY, privateTermsBytes(), { by: people.foreignInsurer });

    expect(insurerCollection('Org2MSP')).toBe('Org2MSPPrivate');
    expect([...world.ledger.privateState.keys()]).toEqual(['Org2MSPPrivate']);
    await expect(world.readPrivateTerms(ORG2_POLICY, { by: people.foreignInsurer })).resolves.toBe(
      privateTermsBytes().toString('utf8'),
    );
  });

  it('may be sent again: the same bytes are the only ones that match', async () => {
    const world = await worldWithPolicy();
    await world.setPrivateTerms(POLICY_ID);
    await world.setPrivateTerms(POLICY_ID);
    await expect(world.readPrivateTerms(POLICY_ID)).resolves.toBe(
      privateTermsBytes().toString('utf8'),
    );
  });

  it.each([
    ['other amounts', privateTermsBytes({ deductible: '60000' }), 'do not hash to'],
    [
      'another insured',
      privateTermsBytes({ insured: partyOf(people.bystander) }),
      'do not hash to',
    ],
    ['nothing', null, `transient data key '${ClaimsTransientKey.privateTerms}' is required`],
    ['an empty value', new Uint8Array(), 'is required'],
  ])('refuses %s with INVALID_ARGUMENT and stores nothing', async (_case, bytes, message) => {
    const world = await worldWithPolicy();
    const before = world.snapshot();

    await expect(world.setPrivateTerms(POLICY_ID, bytes)).rejects.toThrow(
      new RegExp(`^INVALID_ARGUMENT: .*${message}`),
    );
    expect(world.snapshot()).toBe(before);
  });

  const canonical = privateTermsBytes().toString('utf8');
  const withShipment = (shipment: Partial<ShipmentLinks>): string =>
    privateTermsBytes({ shipment: { ...PRIVATE_TERMS.shipment, ...shipment } }).toString('utf8');
  it.each([
    ['JSON that is not canonical', JSON.stringify(PRIVATE_TERMS), 'must be canonical JSON'],
    [
      'a number instead of a digit string',
      canonical.replace('"deductible":"50000"', '"deductible":50000'),
      'deductible must be a string',
    ],
    ['a short salt', canonical.replace(PRIVATE_TERMS.salt, 'abcd'), 'salt must be 16 to 128'],
    [
      'a deductible above the sum insured',
      canonical.replace('"deductible":"50000"', '"deductible":"6000000"'),
      'deductible must not exceed the sum insured',
    ],
    ['an extra field', canonical.replace(/}$/, ',"x":"1"}'), "unknown field 'x'"],
    [
      'the insurer as its own insured',
      privateTermsBytes({ insured: partyOf(people.insurer) }).toString('utf8'),
      'an insurer cannot insure itself',
    ],
    [
      'an insured that is no party',
      privateTermsBytes({ insured: 'cargo owner' }).toString('utf8'),
      'privateTerms.insured must be',
    ],
    [
      'a container with a wrong check digit',
      withShipment({ containers: ['CSQU3054384'] }),
      'privateTerms.shipment.containers[0] must be an ISO 6346 container number',
    ],
    [
      'a container listed twice',
      withShipment({ containers: ['CSQU3054383', 'CSQU3054383'] }),
      'twice',
    ],
    [
      'a lot URI with a wrong GTIN check digit',
      withShipment({ lots: ['https://id.gs1.org/01/04012345123457/10/Lot987'] }),
      'privateTerms.shipment.lots[0] must be a GS1 Digital Link URI of a lot',
    ],
    [
      'a serial instead of a lot',
      withShipment({ lots: ['https://id.gs1.org/01/04012345123456/21/1'] }),
      'privateTerms.shipment.lots[0]',
    ],
  ])('refuses %s even when the policy committed to its hash', async (_case, text, message) => {
    const world = new ClaimsWorld();
    await world.createPolicy({ privateTermsHash: HASH(text) }, people.insurer, null);

    await expect(world.setPrivateTerms(POLICY_ID, Buffer.from(text))).rejects.toThrow(message);
    expect(world.ledger.privateState.size).toBe(0);
  });

  it.each(['clerk', 'surveyor', 'claimant', 'foreignInsurer'] as const)(
    'lets %s neither set nor read the private terms',
    async (name) => {
      const world = await worldWithPolicy();
      await world.setPrivateTerms(POLICY_ID);
      const before = world.snapshot();

      await expect(
        world.setPrivateTerms(POLICY_ID, privateTermsBytes(), { by: people[name] }),
      ).rejects.toThrow(
        `FORBIDDEN: setting the private terms of ${POLICY_ID} may only be done by the insurer Org1MSP`,
      );
      await expect(world.readPrivateTerms(POLICY_ID, { by: people[name] })).rejects.toThrow(
        `FORBIDDEN: reading the private terms of ${POLICY_ID}`,
      );
      expect(world.snapshot()).toBe(before);
    },
  );

  it('finds nothing on a peer outside the collection, which holds only the hash', async () => {
    const world = await worldWithPolicy();
    await world.setPrivateTerms(POLICY_ID);

    await expect(world.readPrivateTerms(POLICY_ID, { peerMspId: 'Org2MSP' })).rejects.toThrow(
      `NOT_FOUND: the private terms of policy ${POLICY_ID} are not set or not held by this peer`,
    );
  });

  it('answers NOT_FOUND before any private terms were set, and for an unknown policy', async () => {
    const world = new ClaimsWorld();
    await world.createPolicy({}, people.insurer, null);
    await expect(world.readPrivateTerms(POLICY_ID)).rejects.toThrow('NOT_FOUND: the private terms');
    await expect(world.setPrivateTerms('POL-NONE')).rejects.toThrow('NOT_FOUND: policy POL-NONE');
  });

  it('deploys one member-only collection per insurer, endorsed by that insurer alone', () => {
    const collections = JSON.parse(COLLECTIONS_CONFIG) as { name: string }[];
    expect(collections.filter((c) => c.name.endsWith('Private'))).toEqual(
      ['Org1MSP', 'Org2MSP'].map((msp) => ({
        name: `${msp}Private`,
        policy: `OR('${msp}.member')`,
        requiredPeerCount: 0,
        maxPeerCount: 1,
        blockToLive: 0,
        memberOnlyRead: true,
        memberOnlyWrite: true,
        endorsementPolicy: { signaturePolicy: `OR('${msp}.peer')` },
      })),
    );
  });

  it('deploys per insurer a collection of what it disclosed to the regulator: held and read by the regulator alone, written on the insurer’s peers (decision 0035)', () => {
    const collections = JSON.parse(COLLECTIONS_CONFIG) as { name: string }[];
    expect(collections.filter((c) => c.name.endsWith('ForRegulator'))).toEqual(
      ['Org1MSP', 'Org2MSP'].map((msp) => ({
        name: `${msp}ForRegulator`,
        policy: "OR('RegulatorMSP.member')",
        // The insurer's peer is no member: the endorsement fails unless the regulator's peer got the copy.
        requiredPeerCount: 1,
        maxPeerCount: 1,
        blockToLive: 0,
        memberOnlyRead: true,
        memberOnlyWrite: false,
        endorsementPolicy: { signaturePolicy: `OR('${msp}.peer')` },
      })),
    );
  });

  it('announces each step of a claim to every member without its money, parties or goods', async () => {
    const world = new ClaimsWorld();
    await reach(world, CLAIM_ID, 'PAID');
    const claim = await world.readClaim(CLAIM_ID);
    const notice = noticeInput();
    const secrets = [
      notice.claimedAmount,
      claim.approvedAmount ?? '',
      claim.settlementAmount ?? '',
      claim.paidAmount,
      partyOf(people.claimant),
      ...notice.containers,
      notice.eblReference ?? '',
    ];
    expect(secrets.filter((secret) => secret === '')).toEqual([]);

    const changes = world.ledger.events.filter((e) => e.name === 'ClaimChanged');
    // The notice, the invoice filed, then each step to payment.
    expect(changes.map((e) => (JSON.parse(e.payload) as { status: string }).status)).toEqual([
      'NOTIFIED',
      'NOTIFIED',
      'UNDER_ASSESSMENT',
      'APPROVED',
      'PAYMENT_PENDING',
      'PAID',
    ]);
    for (const { payload } of changes) {
      expect(Object.keys(JSON.parse(payload) as object).sort()).toEqual([
        'claimId',
        'insurerMsp',
        'lastTxId',
        'policyId',
        'status',
        'updatedAt',
      ]);
      expect(secrets.filter((secret) => payload.includes(secret))).toEqual([]);
    }
  });

  it("keeps a claim's money, parties and goods out of public state, leaving the salted hash of its details", async () => {
    const world = new ClaimsWorld();
    const paid = await reach(world, CLAIM_ID, 'PAID');
    const notice = noticeInput();
    const secrets = [
      notice.claimedAmount,
      paid.approvedAmount ?? '',
      paid.settlementAmount ?? '',
      paid.paymentReference ?? '',
      partyOf(people.claimant),
      PRIVATE_TERMS.insured,
      PRIVATE_TERMS.sumInsured,
      ...PRIVATE_TERMS.shipment.containers,
      ...PRIVATE_TERMS.shipment.lots,
      notice.eblReference ?? '',
      HASH('invoice'),
    ];
    expect(secrets.filter((secret) => secret === '')).toEqual([]);

    const publicText = [...world.ledger.state.values()]
      .map((v) => Buffer.from(v).toString('utf8'))
      .join('\n');
    expect(secrets.filter((secret) => publicText.includes(secret))).toEqual([]);
    const stub = world.stub(CLAIM_ID);
    expect(stub).toMatchObject({ status: 'PAID', insurerMsp: 'Org1MSP', policyId: POLICY_ID });
    const collection =
      world.ledger.privateState.get('Org1MSPPrivate') ?? new Map<string, Uint8Array>();
    const [details] = [...collection]
      .filter(([key]) => key.includes('claims.claim-details'))
      .map(([, value]) => value);
    expect(stub?.detailsHash).toBe(HASH(Buffer.from(details ?? '').toString('utf8')));
    expect(paid.history.map((entry) => entry.action)).toEqual(
      stub?.trail.map((entry) => entry.action),
    );
  });

  it("names the insurer's organisation alone in the claim key's endorsement policy", async () => {
    const world = new ClaimsWorld();
    await reach(world, CLAIM_ID, 'NOTIFIED');
    const policies = [...world.ledger.keyPolicies].filter(([key]) => key.includes('claims.claim'));

    expect(policies).toHaveLength(1);
    expect(new KeyEndorsementPolicy(policies[0]?.[1]).listOrgs()).toEqual(['Org1MSP']);
  });

  it("registers a notice alike on Org2's peer, which holds only the details' hash", async () => {
    const registeredOn = async (peerMspId: string) => {
      const world = await worldWithPolicy();
      await world.giveNotice();
      await world.register(CLAIM_ID, { peerMspId });
      return JSON.stringify(
        [...world.ledger.state].map(([k, v]) => [k, Buffer.from(v).toString()]),
      );
    };
    expect(await registeredOn('Org2MSP')).toBe(await registeredOn('Org1MSP'));
  });

  it('refuses to read a claim on a peer outside the collection, and to a party of the insurer not on the claim', async () => {
    const world = new ClaimsWorld();
    await reach(world, CLAIM_ID, 'NOTIFIED');
    const ctx = world.ctx(people.insurer, { peerMspId: 'Org2MSP' });

    await expect(world.contract.readClaim(ctx, CLAIM_ID)).rejects.toThrow(
      `NOT_FOUND: the details of claim ${CLAIM_ID} are not held by this peer`,
    );
    await expect(world.readClaim(CLAIM_ID, people.clerk)).rejects.toThrow(
      `FORBIDDEN: claim ${CLAIM_ID} is not the caller's`,
    );
    await expect(world.readClaim(CLAIM_ID, people.bystander)).rejects.toThrow(
      'tx creator does not have read access permission',
    );
  });
});
