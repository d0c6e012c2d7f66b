import { ClaimRecord, PolicyPrivateTerms } from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { CLAIM_ID, ClaimsWorld, HASH, POLICY_ID, people } from '../testing/claims-world';
import { partyOf } from '../testing/people';

/**
 * Wet cartons in container CSQU3054383 under an ICC A certificate: notice,
 * documents, survey, partial approval, settlement after the deductible,
 * payment, recovery from the carrier, closing.
 */
async function wetCartons(world: ClaimsWorld): Promise<ClaimRecord> {
  await world.createPolicy();
  await world.notify(
    {},
    { fingerprints: { register: [HASH('hmac:CSQU3054383')], probe: [HASH('hmac:CSQU3054383')] } },
  );
  await world.act(people.insurer, CLAIM_ID, 'REQUEST_DOCUMENTS', '', '["COMMERCIAL_INVOICE"]');
  await world.addDocument(people.claimant, CLAIM_ID);
  await world.act(people.claimant, CLAIM_ID, 'SUBMIT_DOCUMENTS');
  await world.act(people.insurer, CLAIM_ID, 'ASSIGN_SURVEYOR', partyOf(people.surveyor));
  const report = HASH('survey report');
  await world.addDocument(people.surveyor, CLAIM_ID, { kind: 'SURVEY_REPORT', sha256: report });
  await world.act(
    people.surveyor,
    CLAIM_ID,
    'REPORT_SURVEY',
    '',
    JSON.stringify({ reportSha256: report, assessedLoss: '1000000' }),
  );
  const approved = await world.act(people.insurer, CLAIM_ID, 'APPROVE_PARTIALLY', '', '1000000');
  // The claims service, not the ledger, applies the private deductible.
  const amounts = JSON.parse(await world.readPrivateTerms(POLICY_ID)) as PolicyPrivateTerms;
  const settlement = BigInt(approved.approvedAmount ?? '0') - BigInt(amounts.deductible);
  await world.act(people.insurer, CLAIM_ID, 'REQUEST_PAYMENT', '', settlement.toString());
  await world.act(people.insurer, CLAIM_ID, 'CONFIRM_PAYMENT', '', 'SWIFT-REF-0001');
  await world.act(people.insurer, CLAIM_ID, 'OPEN_SUBROGATION', '', 'Ocean Carrier Line Ltd');
  await world.act(people.insurer, CLAIM_ID, 'RECORD_RECOVERY', '', '400000');
  return world.act(people.insurer, CLAIM_ID, 'CLOSE');
}

/** Every number anywhere in a JSON value: state must hold integers only. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(numbersIn);
}

describe('Claims happy path', () => {
  it('takes a cargo claim from notice to closing', async () => {
    const world = new ClaimsWorld();

    const closed = await wetCartons(world);

    expect(closed).toMatchObject({
      status: 'CLOSED',
      approvedAmount: '1000000',
      settlementAmount: '950000',
      paidAmount: '950000',
      recoveredAmount: '400000',
      paymentReference: 'SWIFT-REF-0001',
      surveyor: partyOf(people.surveyor),
      survey: { reportSha256: HASH('survey report'), assessedLoss: '1000000' },
      duplicateMatches: 0,
    });
    expect(closed.history.map((e) => `${e.action}→${e.to}`)).toEqual([
      'NOTIFY→NOTIFIED',
      'REQUEST_DOCUMENTS→DOCUMENTS_PENDING',
      'SUBMIT_DOCUMENTS→UNDER_ASSESSMENT',
      'ASSIGN_SURVEYOR→SURVEYOR_ASSIGNED',
      'REPORT_SURVEY→SURVEY_REPORTED',
      'APPROVE_PARTIALLY→PARTIALLY_APPROVED',
      'REQUEST_PAYMENT→PAYMENT_PENDING',
      'CONFIRM_PAYMENT→PAID',
      'OPEN_SUBROGATION→SUBROGATION_OPEN',
      'RECORD_RECOVERY→RECOVERED',
      'CLOSE→CLOSED',
    ]);
    const times = closed.history.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(closed.lastTxId).toBe(closed.history.at(-1)?.txId);
    expect(JSON.parse(world.ledger.events.at(-1)?.payload ?? '')).toMatchObject({
      claimId: closed.claimId,
      status: 'CLOSED',
      lastTxId: closed.lastTxId,
    });
  });

  it('writes byte-identical public state, private data and events on two ledgers', async () => {
    const first = new ClaimsWorld();
    const second = new ClaimsWorld();

    await wetCartons(first);
    await wetCartons(second);

    expect(second.snapshot()).toBe(first.snapshot());
  });

  it('writes canonical JSON with integers only', async () => {
    const world = new ClaimsWorld();
    await wetCartons(world);

    for (const value of world.ledger.state.values()) {
      const json = Buffer.from(value).toString('utf8');
      const parsed = JSON.parse(json) as object;
      expect(json).toBe(canonicalJson(parsed));
      for (const n of numbersIn(parsed)) expect(Number.isSafeInteger(n)).toBe(true);
    }
  });
});
