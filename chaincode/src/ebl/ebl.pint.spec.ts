import { createHash } from 'node:crypto';
import { EblAction, EblRecord } from '../../../libs/contracts/src/ledger';
import { CHECKSUM, EblWorld, ORG1, RECEIVER, partyOf, people } from '../testing/ebl-world';

const A = EblAction;
const BL = 'MAEU-PI-0001';
const SENDER = 'WAVE:9f2c0e5b7a1d4c3e8b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c';
const WAVE_CARRIER = '{"eblPlatform":"WAVE","partyName":"Ocean Carrier"}';
const { carrier, shipper, bank, clerk, operator, foreignOperator, insurer, orgAdmin } = people;

describe('Ebl PINT: export to and import from other platforms', () => {
  let world: EblWorld;

  beforeEach(() => {
    world = new EblWorld();
  });

  function importTransfer(
    reference: string,
    options: { by?: typeof operator; holder?: string; issuer?: string; checksum?: string } = {},
  ): Promise<EblRecord> {
    return world.contract
      .importTransfer(
        world.ctx(options.by ?? operator),
        reference,
        options.checksum ?? CHECKSUM,
        'true',
        options.holder ?? partyOf(bank),
        options.issuer ?? WAVE_CARRIER,
        SENDER,
      )
      .then((json) => JSON.parse(json) as EblRecord);
  }

  async function exported(): Promise<void> {
    await world.issue(BL);
    await world.act(shipper, BL, A.startExport, RECEIVER);
    await world.act(operator, BL, A.completeExport);
  }

  it('holds the document for the receiving platform while an export is pending', async () => {
    await world.issue(BL);
    const pending = await world.act(shipper, BL, A.startExport, RECEIVER);

    expect(pending).toMatchObject({
      status: 'EXPORT_PENDING',
      holder: partyOf(shipper),
      exportedTo: RECEIVER,
      pending: { action: A.startExport, recipient: RECEIVER },
    });
    expect(pending.chain.at(-1)).toMatchObject({
      actor: partyOf(shipper),
      externalRecipient: RECEIVER,
    });
    await expect(world.act(shipper, BL, A.transfer, partyOf(bank))).rejects.toThrow(
      'INVALID_STATE: TRANSFER is not allowed in status EXPORT_PENDING: a transfer to another platform is pending',
    );
  });

  it('hands control to the other platform when the operator records its acceptance', async () => {
    await world.issue(BL);
    await world.act(shipper, BL, A.startExport, RECEIVER);
    const gone = await world.act(operator, BL, A.completeExport);

    const marker = `PINT:${createHash('sha256').update(RECEIVER).digest('hex')}`;
    expect(gone).toMatchObject({ status: 'EXPORTED', holder: marker, possessor: marker });
    expect(gone.pending).toBeUndefined();
    expect(gone.chain.at(-1)).toMatchObject({
      actor: partyOf(operator),
      externalRecipient: RECEIVER,
    });
  });

  it('gives the document back to its holder when the receiver rejects it', async () => {
    const issued = await world.issue(BL);
    await world.act(shipper, BL, A.startExport, RECEIVER);
    const back = await world.act(operator, BL, A.cancelExport, '', 'DISE');

    expect({ ...back, chain: [], lastTxId: '', updatedAt: '' }).toEqual({
      ...issued,
      chain: [],
      lastTxId: '',
      updatedAt: '',
    });
    expect(back.chain.at(-1)).toMatchObject({ reason: 'DISE', externalRecipient: RECEIVER });
  });

  it.each(['', 'RECE', 'INCD', 'MDOC'])(
    'refuses a rejection with response code %p',
    async (code) => {
      await world.issue(BL);
      await world.act(shipper, BL, A.startExport, RECEIVER);

      await expect(world.act(operator, BL, A.cancelExport, '', code)).rejects.toThrow(
        'INVALID_ARGUMENT: the response code must be one of BSIG, BENV, DISE',
      );
    },
  );

  it('refuses an export description over 1024 characters', async () => {
    await world.issue(BL);
    await expect(world.act(shipper, BL, A.startExport, 'x'.repeat(1025))).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });

  it('imports a document for a local holder, to order of that holder', async () => {
    const record = await importTransfer(BL);

    expect(record).toMatchObject({
      platform: ORG1,
      status: 'ISSUED',
      issuer: WAVE_CARRIER,
      holder: partyOf(bank),
      possessor: partyOf(bank),
      endorsee: partyOf(bank),
      endorseeMayEndorse: true,
      chain: [
        {
          action: 'IMPORT',
          actor: partyOf(operator),
          recipient: partyOf(bank),
          externalSender: SENDER,
        },
      ],
    });
    await expect(world.act(bank, BL, A.endorse, partyOf(clerk))).resolves.toMatchObject({
      status: 'TRANSFER_PENDING',
    });
  });

  it('re-activates a document it exported when it comes back, keeping issuer and history', async () => {
    await world.issue(BL);
    await world.act(shipper, BL, A.startExport, RECEIVER);
    const exported = await world.act(operator, BL, A.completeExport);

    const back = await importTransfer(BL, { holder: partyOf(clerk) });

    expect(back).toMatchObject({
      status: 'ISSUED',
      issuer: partyOf(carrier),
      holder: partyOf(clerk),
      endorsee: partyOf(clerk),
      endorseeMayEndorse: true,
      blankEndorsed: false,
    });
    expect(back.exportedTo).toBeUndefined();
    expect(back.chain.slice(0, exported.chain.length)).toEqual(exported.chain);
    expect(back.chain.map((e) => e.action)).toEqual([
      'ISSUE',
      A.startExport,
      A.completeExport,
      'IMPORT',
    ]);
    await world.act(clerk, BL, A.surrenderForDelivery);
    await expect(world.act(carrier, BL, A.acceptSurrender)).resolves.toMatchObject({
      status: 'SURRENDERED',
    });
  });

  it.each([
    ['a document issued here', () => world.issue(BL), CHECKSUM, 'is ISSUED'],
    ['an imported document', () => importTransfer(BL), CHECKSUM, 'is ISSUED'],
    [
      'another document exported under the reference',
      exported,
      'b2'.repeat(32),
      'another document',
    ],
  ])('refuses to import over %s as ALREADY_EXISTS', async (_case, setUp, checksum, message) => {
    await setUp();
    const before = world.snapshot();

    await expect(importTransfer(BL, { checksum })).rejects.toThrow(message);
    await expect(importTransfer(BL, { checksum })).rejects.toThrow(/^ALREADY_EXISTS: /);
    expect(world.snapshot()).toBe(before);
  });

  it.each([
    ['a client identity', { by: bank }, 'FORBIDDEN'],
    ['the organisation’s cryptogen Admin (OU admin, no role)', { by: orgAdmin }, 'FORBIDDEN'],
    ['the insurer service of the same organisation', { by: insurer }, 'FORBIDDEN'],
    ['a carrier', { by: carrier }, 'FORBIDDEN'],
    ['a holder of another platform', { by: foreignOperator }, 'INVALID_ARGUMENT'],
    ['a holder that is the issuer', { issuer: partyOf(bank) }, 'INVALID_ARGUMENT'],
    ['a blank issuer', { issuer: ' ' }, 'INVALID_ARGUMENT'],
  ])('refuses an import by or with %s', async (_case, options, code) => {
    await expect(importTransfer(BL, options)).rejects.toThrow(new RegExp(`^${code}: `));
    expect(world.ledger.state.size).toBe(0);
  });
});
