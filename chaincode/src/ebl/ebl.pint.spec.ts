import { createHash } from 'node:crypto';
import { EblAction, EblRecord, exportAnswerDetail } from '../../../libs/contracts/src/ledger';
import {
  CHECKSUM,
  ENVELOPE,
  EblWorld,
  ORG1,
  ORG2,
  RECEIVER,
  partyOf,
  people,
} from '../testing/ebl-world';

const A = EblAction;
const BL = 'MAEU-PI-0001';
const SENDER = 'WAVE:9f2c0e5b7a1d4c3e8b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c';
const WAVE_CARRIER = '{"eblPlatform":"WAVE","partyName":"Ocean Carrier"}';
const { carrier, shipper, bank, clerk, operator, foreignBank, foreignOperator, insurer, orgAdmin } =
  people;
/** Another envelope for the same document: a stale attempt, or another replica's. */
const OTHER_ENVELOPE = 'f2'.repeat(32);
const ACCEPTED = exportAnswerDetail(ENVELOPE);

describe('Ebl PINT: export to and import from other platforms', () => {
  let world: EblWorld;

  beforeEach(() => {
    world = new EblWorld();
  });

  function importTransfer(
    reference: string,
    options: {
      by?: typeof operator;
      holder?: string;
      issuer?: string;
      checksum?: string;
      senderMspId?: string;
      receivingPlatform?: string;
      sender?: string;
    } = {},
  ): Promise<EblRecord> {
    return world.contract
      .importTransfer(
        world.ctx(options.by ?? operator),
        reference,
        options.checksum ?? CHECKSUM,
        'true',
        options.holder ?? partyOf(bank),
        options.issuer ?? WAVE_CARRIER,
        options.sender ?? SENDER,
        options.senderMspId ?? '',
        options.receivingPlatform ?? 'PUJ1',
      )
      .then((json) => JSON.parse(json) as EblRecord);
  }

  async function exported(): Promise<void> {
    await world.issue(BL);
    await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);
    await world.act(operator, BL, A.completeExport, '', ACCEPTED);
  }

  it('holds the document for the receiving platform while an export is pending', async () => {
    await world.issue(BL);
    const pending = await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);

    expect(pending).toMatchObject({
      status: 'EXPORT_PENDING',
      holder: partyOf(shipper),
      exportedTo: RECEIVER,
      exportEnvelopeChecksum: ENVELOPE,
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
    await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);
    const gone = await world.act(operator, BL, A.completeExport, '', ACCEPTED);

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
    await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);
    const back = await world.act(
      operator,
      BL,
      A.cancelExport,
      '',
      exportAnswerDetail(ENVELOPE, 'DISE'),
    );

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
      await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);

      await expect(
        world.act(
          operator,
          BL,
          A.cancelExport,
          '',
          exportAnswerDetail(ENVELOPE, code || undefined),
        ),
      ).rejects.toThrow('INVALID_ARGUMENT: the response code must be one of BSIG, BENV, DISE');
    },
  );

  it.each([
    ['no envelope checksum', ''],
    ['an envelope checksum that is not SHA-256 hex', 'E1'.repeat(32)],
    ['an answer detail instead of a checksum', exportAnswerDetail(ENVELOPE, 'BSIG')],
  ])('refuses an export with %s, changing nothing', async (_case, detail) => {
    await world.issue(BL);
    const before = world.snapshot();

    await expect(world.act(shipper, BL, A.startExport, RECEIVER, detail)).rejects.toThrow(
      /^INVALID_ARGUMENT: the envelope checksum must be 64 lower-case hex/,
    );
    expect(world.snapshot()).toBe(before);
  });

  it.each([
    ['acceptance', A.completeExport, exportAnswerDetail(OTHER_ENVELOPE)],
    ['rejection', A.cancelExport, exportAnswerDetail(OTHER_ENVELOPE, 'BENV')],
  ])(
    'refuses the %s of another envelope than the one the export is bound to',
    async (_case, action, detail) => {
      await world.issue(BL);
      await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);
      const before = world.snapshot();

      await expect(world.act(operator, BL, action, '', detail)).rejects.toThrow(
        `INVALID_STATE: ${action}: ${BL} is exported with another envelope`,
      );
      expect(world.snapshot()).toBe(before);
    },
  );

  it.each([
    ['a response code', exportAnswerDetail(ENVELOPE, 'RECE'), 'takes no response code'],
    ['no checksum', '', 'the envelope checksum must be'],
    ['three parts', `BSIG ${ENVELOPE} x`, "takes '[response code] <envelope checksum>'"],
  ])('refuses an acceptance with %s as INVALID_ARGUMENT', async (_case, detail, message) => {
    await world.issue(BL);
    await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);
    const before = world.snapshot();

    await expect(world.act(operator, BL, A.completeExport, '', detail)).rejects.toThrow(
      `INVALID_ARGUMENT: `,
    );
    await expect(world.act(operator, BL, A.completeExport, '', detail)).rejects.toThrow(message);
    expect(world.snapshot()).toBe(before);
  });

  it('binds a new export to its own envelope once a rejected one is back', async () => {
    await world.issue(BL);
    await world.act(shipper, BL, A.startExport, RECEIVER, OTHER_ENVELOPE);
    const back = await world.act(
      operator,
      BL,
      A.cancelExport,
      '',
      exportAnswerDetail(OTHER_ENVELOPE, 'BSIG'),
    );
    expect(back.exportEnvelopeChecksum).toBeUndefined();

    await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);
    // A late RECE for the first envelope cannot complete the second export.
    await expect(
      world.act(operator, BL, A.completeExport, '', exportAnswerDetail(OTHER_ENVELOPE)),
    ).rejects.toThrow(/^INVALID_STATE: /);
    const gone = await world.act(operator, BL, A.completeExport, '', ACCEPTED);
    expect(gone).toMatchObject({ status: 'EXPORTED', exportEnvelopeChecksum: ENVELOPE });
  });

  it('refuses an export description over 1024 characters', async () => {
    await world.issue(BL);
    await expect(world.act(shipper, BL, A.startExport, 'x'.repeat(1025), ENVELOPE)).rejects.toThrow(
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
    await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);
    const exported = await world.act(operator, BL, A.completeExport, '', ACCEPTED);

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
    expect(back.exportEnvelopeChecksum).toBeUndefined();
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
    ['itself as the sending platform', { senderMspId: ORG1 }, 'INVALID_ARGUMENT'],
    ['a sending organisation that is no MSP id', { senderMspId: 'Org 2' }, 'INVALID_ARGUMENT'],
    ['no platform code of its own', { receivingPlatform: '' }, 'INVALID_ARGUMENT'],
  ])('refuses an import by or with %s', async (_case, options, code) => {
    await expect(importTransfer(BL, options)).rejects.toThrow(new RegExp(`^${code}: `));
    expect(world.ledger.state.size).toBe(0);
  });

  it('settles an export started before EXPORT bound its envelope, whatever envelope the answer names', async () => {
    await world.issue(BL);
    await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);
    // The record as the chaincode before envelope binding wrote it.
    const [key, stored] = [...world.ledger.state].find(([k]) => k.includes(BL)) ?? [];
    if (key === undefined || stored === undefined) throw new Error(`${BL} is not in state`);
    const legacy: Record<string, unknown> = JSON.parse(Buffer.from(stored).toString('utf8'));
    delete legacy.exportEnvelopeChecksum;
    world.ledger.state.set(key, Buffer.from(JSON.stringify(legacy)));

    const gone = await world.act(
      operator,
      BL,
      A.completeExport,
      '',
      exportAnswerDetail(OTHER_ENVELOPE),
    );

    expect(gone.status).toBe('EXPORTED');
  });

  describe('from a sending platform on this channel', () => {
    /** Org1's platform (code PJA) sends to Org2's (code PJB), both on this channel. */
    const TO_PJB = '{"eblPlatform":"PJB","partyName":"Hamburg Grain Trading"}';
    const intoPjb = (options: { checksum?: string; sender?: string } = {}) =>
      importTransfer(BL, {
        by: foreignOperator,
        holder: partyOf(foreignBank),
        senderMspId: ORG1,
        receivingPlatform: 'PJB',
        sender: `PJA:${ENVELOPE}`,
        ...options,
      });

    it('imports a document whose sender has it EXPORT_PENDING to us, and leaves the sender alone', async () => {
      await world.issue(BL);
      const pending = await world.act(shipper, BL, A.startExport, TO_PJB, ENVELOPE);

      await expect(intoPjb()).resolves.toMatchObject({ platform: ORG2, status: 'ISSUED' });
      expect(await world.read(BL, ORG1)).toEqual(pending);
    });

    it.each([
      ['has no record of it', () => Promise.resolve(), /has no record on Org1MSP/],
      ['still holds it', () => world.issue(BL), /is ISSUED on Org1MSP, not EXPORT_PENDING to PJB/],
      [
        'exports it to another platform',
        async () => {
          await world.issue(BL);
          await world.act(shipper, BL, A.startExport, RECEIVER, ENVELOPE);
        },
        /being exported by Org1MSP to WAVE, not to PJB/,
      ],
      [
        'has completed that export already',
        async () => {
          await world.issue(BL);
          await world.act(shipper, BL, A.startExport, TO_PJB, ENVELOPE);
          await world.act(operator, BL, A.completeExport, '', ACCEPTED);
        },
        /is EXPORTED on Org1MSP, not EXPORT_PENDING to PJB/,
      ],
    ])('refuses, changing nothing, when the sender %s', async (_case, setUp, message) => {
      await setUp();
      const before = world.snapshot();

      await expect(intoPjb()).rejects.toThrow(/^INVALID_STATE: /);
      await expect(intoPjb()).rejects.toThrow(message);
      expect(world.snapshot()).toBe(before);
    });

    it('refuses another document than the one the sender exports', async () => {
      await world.issue(BL);
      await world.act(shipper, BL, A.startExport, TO_PJB, ENVELOPE);

      await expect(intoPjb({ checksum: 'b2'.repeat(32) })).rejects.toThrow(
        /^INVALID_STATE: .* is another document than the one sent to PJB/,
      );
    });

    it('refuses an envelope other than the one the sender bound its export to', async () => {
      await world.issue(BL);
      await world.act(shipper, BL, A.startExport, TO_PJB, ENVELOPE);
      const before = world.snapshot();

      await expect(intoPjb({ sender: `PJA:${OTHER_ENVELOPE}` })).rejects.toThrow(
        /^INVALID_STATE: .* with another envelope than this one/,
      );
      expect(world.snapshot()).toBe(before);
    });
  });
});
