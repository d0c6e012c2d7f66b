import { ClaimRecord } from '../../../libs/contracts/src/ledger';
import {
  CLAIM_ID,
  ClaimsWorld,
  argumentsFor,
  people,
  reach,
  worldWithPolicy,
} from '../testing/claims-world';

/** The default claim is for 1 250 000 minor units. */
const CLAIMED = '1250000';

async function at(status: Parameters<typeof reach>[2]): Promise<ClaimsWorld> {
  const world = new ClaimsWorld();
  await reach(world, CLAIM_ID, status);
  return world;
}

function insurerAct(world: ClaimsWorld, action: string, detail: string): Promise<ClaimRecord> {
  return world.act(people.insurer, CLAIM_ID, action, '', detail);
}

describe('Claims amounts: approval, settlement, recovery', () => {
  describe('APPROVE_PARTIALLY: more than nothing, less than claimed', () => {
    it.each([
      ['0', 'the approved amount must be more than 0'],
      [CLAIMED, `the approved amount must be less than the claimed ${CLAIMED}`],
      ['1250001', `the approved amount must be less than the claimed ${CLAIMED}`],
      ['-5', 'the approved amount must be a whole number of minor units written as digits'],
      ['1e6', 'the approved amount must be a whole number of minor units'],
      ['1000000.5', 'the approved amount must be a whole number of minor units'],
      ['', 'the approved amount must be a whole number of minor units'],
    ])('refuses %p', async (amount, message) => {
      const world = await at('UNDER_ASSESSMENT');
      const before = world.snapshot();
      await expect(insurerAct(world, 'APPROVE_PARTIALLY', amount)).rejects.toThrow(
        `INVALID_ARGUMENT: ${message}`,
      );
      expect(world.snapshot()).toBe(before);
    });

    it.each(['1', '1249999'])('accepts %p', async (amount) => {
      const world = await at('UNDER_ASSESSMENT');
      await expect(insurerAct(world, 'APPROVE_PARTIALLY', amount)).resolves.toMatchObject({
        status: 'PARTIALLY_APPROVED',
        approvedAmount: amount,
      });
    });

    it('approves the claimed amount with APPROVE, which takes no amount', async () => {
      const world = await at('UNDER_ASSESSMENT');
      await expect(insurerAct(world, 'APPROVE', CLAIMED)).rejects.toThrow(
        'INVALID_ARGUMENT: APPROVE takes no detail',
      );
      await expect(insurerAct(world, 'APPROVE', '')).resolves.toMatchObject({
        approvedAmount: CLAIMED,
      });
    });
  });

  describe('REQUEST_PAYMENT: 0 < settlement ≤ approved ≤ claimed', () => {
    it('bounds the settlement by the partial approval, not by the claim', async () => {
      const world = await at('PARTIALLY_APPROVED'); // approved 1 000 000
      await expect(insurerAct(world, 'REQUEST_PAYMENT', '1000001')).rejects.toThrow(
        'INVALID_ARGUMENT: the settlement amount must not exceed 1000000 (approved less already paid)',
      );
      await expect(insurerAct(world, 'REQUEST_PAYMENT', '1000000')).resolves.toMatchObject({
        status: 'PAYMENT_PENDING',
        settlementAmount: '1000000',
      });
    });

    it.each(['0', '00', '-1', '9'.repeat(19)])('refuses %p', async (amount) => {
      const world = await at('APPROVED');
      await expect(insurerAct(world, 'REQUEST_PAYMENT', amount)).rejects.toThrow(
        /^INVALID_ARGUMENT: the settlement amount must be/,
      );
    });

    it('lets a full approval pay the whole claim', async () => {
      const world = await at('APPROVED');
      await expect(insurerAct(world, 'REQUEST_PAYMENT', CLAIMED)).resolves.toMatchObject({
        settlementAmount: CLAIMED,
      });
    });

    it('adds the confirmed settlement to what was paid, with the payment reference', async () => {
      const world = await at('PAID');
      const claim = await world.readClaim(CLAIM_ID);
      expect(claim).toMatchObject({
        paidAmount: '900000',
        settlementAmount: '900000',
        paymentReference: 'PAY-2026-0001',
      });
      expect(claim.history.at(-1)).toMatchObject({
        action: 'CONFIRM_PAYMENT',
        amount: '900000',
        reference: 'PAY-2026-0001',
      });
    });

    it('lets a reopened claim pay at most its new approval less what was paid', async () => {
      const world = await at('PAID'); // 900 000 of a full approval
      await insurerAct(world, 'CLOSE', '');
      await insurerAct(world, 'REOPEN', 'further damage found at destination');
      await insurerAct(world, 'START_ASSESSMENT', '');
      const reassessed = await insurerAct(world, 'APPROVE', '');
      expect(reassessed).toMatchObject({ approvedAmount: CLAIMED, paidAmount: '900000' });

      await expect(insurerAct(world, 'REQUEST_PAYMENT', '350001')).rejects.toThrow(
        'must not exceed 350000',
      );
      await expect(insurerAct(world, 'REQUEST_PAYMENT', '350000')).resolves.toMatchObject({
        settlementAmount: '350000',
      });
    });
  });

  describe('a fresh assessment drops the old decision', () => {
    it('clears approval and pending settlement when a fraud hold is released', async () => {
      const world = await at('PAYMENT_PENDING');
      await insurerAct(world, 'HOLD_FOR_FRAUD', '');
      const released = await insurerAct(world, 'RELEASE_FRAUD_HOLD', '');
      expect(released.status).toBe('UNDER_ASSESSMENT');
      expect(released.approvedAmount).toBeUndefined();
      expect(released.settlementAmount).toBeUndefined();
      expect(released.paidAmount).toBe('0');
    });

    it('takes no reason for a fraud hold: suspicions stay off the shared ledger', async () => {
      const world = await at('UNDER_ASSESSMENT');
      await expect(insurerAct(world, 'HOLD_FOR_FRAUD', 'claimant looks dodgy')).rejects.toThrow(
        'INVALID_ARGUMENT: HOLD_FOR_FRAUD takes no detail',
      );
    });
  });

  describe('RECORD_RECOVERY: 0 < recovered ≤ paid', () => {
    it.each([
      ['900001', 'the recovered amount must not exceed 900000 (paid less already recovered)'],
      ['0', 'the recovered amount must be more than 0'],
    ])('refuses %p', async (amount, message) => {
      const world = await at('SUBROGATION_OPEN');
      await expect(insurerAct(world, 'RECORD_RECOVERY', amount)).rejects.toThrow(
        `INVALID_ARGUMENT: ${message}`,
      );
    });

    it('records what was recovered, and from whom subrogation was sought', async () => {
      const world = await at('SUBROGATION_OPEN');
      const [, against] = argumentsFor('OPEN_SUBROGATION');
      await expect(insurerAct(world, 'RECORD_RECOVERY', '900000')).resolves.toMatchObject({
        status: 'RECOVERED',
        recoveredAmount: '900000',
        subrogation: { against },
      });
    });
  });

  describe('other arguments', () => {
    it.each([
      ['REJECT', 'UNDER_ASSESSMENT', '', 'the reason must be 1 to 255'],
      ['REOPEN', 'REJECTED', '', 'the reason must be 1 to 255'],
      ['CONFIRM_PAYMENT', 'PAYMENT_PENDING', '', 'the payment reference must be'],
      ['OPEN_SUBROGATION', 'PAID', ' carrier', 'the party pursued must be'],
      [
        'REQUEST_DOCUMENTS',
        'NOTIFIED',
        '[]',
        'REQUEST_DOCUMENTS must name at least one document kind',
      ],
      [
        'REQUEST_DOCUMENTS',
        'NOTIFIED',
        '["INVOICE"]',
        'the requested documents[0] must be one of BILL_OF_LADING',
      ],
      ['REQUEST_DOCUMENTS', 'NOTIFIED', '["PHOTO","PHOTO"]', 'the requested documents lists'],
      ['CLOSE', 'PAID', 'done', 'CLOSE takes no detail'],
    ] as const)('%s in %s refuses detail %p', async (action, status, detail, message) => {
      const world = await at(status);
      await expect(insurerAct(world, action, detail)).rejects.toThrow(
        `INVALID_ARGUMENT: ${message}`,
      );
    });

    it('checks the survey report', async () => {
      const world = await at('SURVEYOR_ASSIGNED');
      const report = (detail: string) =>
        world.act(people.surveyor, CLAIM_ID, 'REPORT_SURVEY', '', detail);
      await expect(report('{"reportSha256":"x","assessedLoss":"1"}')).rejects.toThrow(
        'the survey report.reportSha256 must be 64 lower-case hex',
      );
      await expect(report('1100000')).rejects.toThrow('the survey report must be a JSON object');
      const [, detail] = argumentsFor('REPORT_SURVEY');
      await expect(report(detail)).resolves.toMatchObject({
        survey: { assessedLoss: '1100000' },
      });
    });

    it.each([
      [
        'a party of another MSP',
        'Org2MSP::surveyor@org2.pujiang.test',
        'must be a party of Org1MSP',
      ],
      ['no party', 'surveyor', 'must be a ledger party'],
      [
        'the insurer itself',
        'Org1MSP::Insurer@org1.pujiang.test',
        'the insurer cannot assign itself',
      ],
    ])('refuses as surveyor %s', async (_case, surveyor, message) => {
      const world = await at('UNDER_ASSESSMENT');
      await expect(
        world.act(people.insurer, CLAIM_ID, 'ASSIGN_SURVEYOR', surveyor),
      ).rejects.toThrow(new RegExp(`^INVALID_ARGUMENT: .*${message}`));
    });

    it('refuses the claimant as surveyor', async () => {
      const world = await worldWithPolicy();
      await world.notify({}, { by: people.clerk });
      await world.act(people.insurer, CLAIM_ID, 'START_ASSESSMENT');
      await expect(
        world.act(people.insurer, CLAIM_ID, 'ASSIGN_SURVEYOR', 'Org1MSP::clerk@org1.pujiang.test'),
      ).rejects.toThrow('INVALID_ARGUMENT: the claimant cannot survey its own claim');
    });
  });
});
