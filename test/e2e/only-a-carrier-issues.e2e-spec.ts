import { randomBytes } from 'node:crypto';
import { EBL_CONTRACT, EblRecord, EblTransaction, LedgerErrorCode } from '@pujiang/contracts';
import { loadConfig } from '@pujiang/config';
import { LedgerConfig, LedgerGateway, LedgerRefusalError } from '@pujiang/ledger-client';
import { CarrierSystem } from '../support/carrier-system';
import { issueToShipper } from '../support/ebl-issuance';
import { EblWorld, startEblWorld } from '../support/ebl-platforms';
import { eventually } from '../support/kafka-probe';
import { StackIdentity, partyIdentity as partyOf } from '../support/ledger-identities';
import { serviceEnv } from '../support/stack-env';

const reference = () => `SQ${randomBytes(5).toString('hex').toUpperCase()}`;
const CHECKSUM = 'ab'.repeat(32);

/**
 * Item 3 of issue 15 on the real stack: only a carrier's identity (certificate
 * attribute pujiang.role=carrier from its organisation's CA) may issue a bill
 * of lading, so no other party can mint one, nor take a reference first and
 * keep the carrier from issuing it.
 */
describe('only a carrier issues bills of lading', () => {
  const carrier = new CarrierSystem();
  let world: EblWorld;
  /** PJA's platform operator: the identity the ebl service signs as (pujiang.role=platform). */
  let gateway: LedgerGateway;

  beforeAll(async () => {
    world = await startEblWorld(await carrier.start());
    gateway = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ebl', 0, 1)));
    await gateway.onModuleInit();
  });

  /** A PJA party's own identity, as the platform's directory names it. */
  const partyIdentity = (id: string) => partyOf(1, 'EBL_PJA', id);

  afterAll(async () => {
    gateway?.onApplicationShutdown();
    await world?.stop();
    await carrier.stop();
  });

  const issueAs = (identity: StackIdentity, ref: string, holder: string) =>
    gateway.actingAs(identity).submit({
      contract: EBL_CONTRACT,
      transaction: EblTransaction.issue,
      args: [ref, CHECKSUM, 'true', holder, ''],
    });

  const readRecord = async (ref: string) =>
    JSON.parse(
      await gateway.evaluate({
        contract: EBL_CONTRACT,
        transaction: EblTransaction.read,
        args: ['Org1MSP', ref],
      }),
    ) as EblRecord;

  it('refuses the shipper issuing through the chaincode, and the carrier then issues that reference', async () => {
    const shipper = partyIdentity('shipper');
    const consignee = partyIdentity('consignee');
    const ref = reference();

    const attempt = issueAs(shipper, ref, consignee.party);
    await expect(attempt).rejects.toBeInstanceOf(LedgerRefusalError);
    await expect(attempt).rejects.toMatchObject({ code: LedgerErrorCode.forbidden });

    // The shipper's refusal left the reference free: the carrier issues it.
    const { status, body } = await issueToShipper(world, ref, true);
    expect({ status, body }).toEqual({ status: 204, body: '' });
    const record = await eventually(
      () => readRecord(ref).catch(() => undefined),
      `${ref} on the ledger`,
    );
    expect(record.issuer).toBe(partyIdentity('carrier').party);
    expect(record.carrierCode).toBe(world.carrierCode);
  });

  it('shows the issuing carrier, as the ledger recorded it, on the public verification page', async () => {
    const ref = reference();
    expect(await issueToShipper(world, ref, false)).toMatchObject({ status: 204 });

    const page = await eventually(async () => {
      const res = await fetch(`${world.pja.url}/verify/${ref}`);
      return res.status === 200 ? res.text() : undefined;
    }, 'the verification page');
    const check = await fetch(`${world.pja.url}/verify/${ref}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

    expect(page).toContain(
      'Issued by the carrier <strong>Pujiang Container Line, carrier code PJCL</strong>',
    );
    expect(await check.json()).toMatchObject({ carrierCode: 'PJCL', matches: false });
  });

  it('refuses the platform operator issuing, though the chaincode trusts it with imports', async () => {
    const ref = reference();

    const attempt = gateway.submit({
      contract: EBL_CONTRACT,
      transaction: EblTransaction.issue,
      args: [ref, CHECKSUM, 'true', partyIdentity('shipper').party, ''],
    });

    await expect(attempt).rejects.toMatchObject({ code: LedgerErrorCode.forbidden });
    await expect(readRecord(ref)).rejects.toMatchObject({ code: LedgerErrorCode.notFound });
  });

  it('refuses an import that would take over a reference the carrier issued', async () => {
    const ref = reference();
    expect(await issueToShipper(world, ref, true)).toMatchObject({ status: 204 });
    const issued = await eventually(
      () => readRecord(ref).catch(() => undefined),
      `${ref} on the ledger`,
    );

    const takeover = gateway.submit({
      contract: EBL_CONTRACT,
      transaction: EblTransaction.importTransfer,
      args: [
        ref,
        CHECKSUM,
        'true',
        partyIdentity('consignee').party,
        '{"eblPlatform":"PJB","partyName":"Squatter Lines"}',
        `PJB:${CHECKSUM}`,
        // Named as a platform off this channel, so only the reference rule can refuse it.
        '',
        'PJA',
      ],
    });

    await expect(takeover).rejects.toMatchObject({ code: LedgerErrorCode.alreadyExists });
    expect(await readRecord(ref)).toEqual(issued);
  });
});
