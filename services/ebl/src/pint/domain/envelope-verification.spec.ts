import { createHmac } from 'node:crypto';
import { signedContentChecksum } from '@pujiang/dcsa';
import { canonicalSha256 } from '@pujiang/standards';
import { signCompactJws, verificationKeyOf } from '../../signing';
import { buildEnvelope } from './envelope';
import {
  type EnvelopeVerification,
  postedByAnother,
  verifyEnvelope,
} from './envelope-verification';
import type { EblEnvelope, EnvelopeTransferChainEntry } from './pint-types';
import {
  type PintWorld,
  type ReceiverState,
  entryPayload,
  envelopeWithChain,
  generateSigningKey,
  invoiceMetadata,
  parties,
  pintWorld,
  receiverContext,
  receiverState,
  signRawEntry,
  transaction,
  visualisationMetadata,
} from './testing/pint.fixture';

let world: PintWorld;
let state: ReceiverState;

beforeAll(async () => {
  world = await pintWorld();
});
beforeEach(() => {
  state = receiverState(world);
});

const verify = (envelope: unknown) => verifyEnvelope(envelope, receiverContext(state));

function refusalOf(verification: EnvelopeVerification) {
  if (verification.accepted) throw new Error('expected the envelope to be refused');
  return verification;
}

async function expectRefused(envelope: unknown, responseCode: string, reason?: RegExp) {
  const refusal = refusalOf(await verify(envelope));
  expect(`${refusal.responseCode}: ${refusal.reason}`).toMatch(new RegExp(`^${responseCode}`));
  if (reason !== undefined) expect(refusal.reason).toMatch(reason);
  return refusal;
}

/** A four-entry chain: WAVE → BOLE → PUJI → BOLE, and now back to PUJI. */
async function fourEntryEnvelope() {
  const relay = await buildEnvelope({
    transportDocument: world.transportDocument,
    previousChain: world.second.envelope.envelopeTransferChain,
    transactions: [
      transaction('TRANSFER', parties.bank, parties.buyer, '2026-11-23T08:00:00.000Z'),
    ],
    eBLVisualisationByCarrier: visualisationMetadata,
    sendingPlatform: 'PUJI',
    signingKey: world.keys.PUJI,
  });
  return buildEnvelope({
    transportDocument: world.transportDocument,
    previousChain: relay.envelope.envelopeTransferChain,
    transactions: [
      transaction('TRANSFER', parties.buyer, parties.bank, '2026-11-24T08:00:00.000Z'),
    ],
    eBLVisualisationByCarrier: visualisationMetadata,
    sendingPlatform: 'BOLE',
    signingKey: world.keys.BOLE,
  });
}

describe('verifyEnvelope accepts', () => {
  it('a well-formed envelope whose every signature and link holds', async () => {
    const verification = await verify(world.second.envelope);
    expect(verification).toMatchObject({
      accepted: true,
      lastEntryChecksum: world.second.lastEntryChecksum,
      transportDocumentChecksum: canonicalSha256(world.transportDocument),
      senderPlatform: 'BOLE',
      recipient: parties.bank,
      actionCodes: ['TRANSFER'],
      missingDocuments: [visualisationMetadata.documentChecksum, invoiceMetadata.documentChecksum],
      announcedDocuments: [visualisationMetadata, invoiceMetadata],
    });
    if (verification.accepted) expect(verification.entries).toHaveLength(2);
  });

  it('and lists as missing only the documents not held already', async () => {
    state.heldDocuments.add(visualisationMetadata.documentChecksum);
    await expect(verify(world.second.envelope)).resolves.toMatchObject({
      missingDocuments: [invoiceMetadata.documentChecksum],
    });
  });

  it('without a carrier key port, still checking the issuance manifest’s checksums', async () => {
    state = { ...state, carrierKey: undefined };
    await expect(verify(world.second.envelope)).resolves.toMatchObject({ accepted: true });
  });
});

describe('verifyEnvelope refuses with BSIG when a signature does not hold', () => {
  it('the manifest signed by another key than the sender’s', async () => {
    const { envelope } = world.second;
    const forged = await envelopeWithChain(
      world.transportDocument,
      envelope.envelopeTransferChain,
      world.strangerKey,
      { supportingDocuments: [invoiceMetadata] },
    );
    const refusal = await expectRefused(forged, 'BSIG', /envelope manifest/);
    expect(refusal.lastEntryChecksum).toBe(world.second.lastEntryChecksum);
  });

  it('a chain entry re-signed by a platform nobody registered', async () => {
    const [first, second] = world.second.envelope.envelopeTransferChain as [string, string];
    const entry = entryPayload(first);
    const rogue: EnvelopeTransferChainEntry = {
      ...entry,
      eblPlatform: 'EVIL',
      transactions: entry.transactions.map((t) => ({
        ...t,
        actor: { ...t.actor, eblPlatform: 'EVIL' },
      })),
    };
    const chain = [await signRawEntry(rogue, world.strangerKey), second];
    const envelope = await envelopeWithChain(world.transportDocument, chain, world.keys.BOLE);
    await expectRefused(envelope, 'BSIG', /chain entry 0.*EVIL.*no registered key/);
  });

  it('a chain entry re-signed with a stranger’s key in a registered platform’s name', async () => {
    const [first, second] = world.second.envelope.envelopeTransferChain as [string, string];
    const chain = [await signRawEntry(entryPayload(first), world.strangerKey), second];
    const envelope = await envelopeWithChain(world.transportDocument, chain, world.keys.BOLE);
    await expectRefused(envelope, 'BSIG', /chain entry 0/);
  });

  it('a middle entry altered after signing (its signature breaks before its link is read)', async () => {
    const outgoing = await fourEntryEnvelope();
    const chain = [...outgoing.envelope.envelopeTransferChain];
    const [header, , signature] = (chain[1] ?? '').split('.');
    const original = entryPayload(chain[1] ?? '');
    const altered = {
      ...original,
      transactions: original.transactions.map((t) => ({ ...t, comments: 'backdated' })),
    };
    chain[1] = `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`;
    await expectRefused(
      { ...outgoing.envelope, envelopeTransferChain: chain },
      'BSIG',
      /chain entry 1/,
    );
  });

  it('an entry with alg "none"', async () => {
    const [first, second] = world.second.envelope.envelopeTransferChain as [string, string];
    const [, payload] = first.split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const envelope = {
      ...world.second.envelope,
      envelopeTransferChain: [unsigned, second],
    };
    // The empty signature is not even a compact JWS for PINT's schema: the envelope is malformed.
    await expectRefused(envelope, 'BENV', /envelopeTransferChain\[0\]/);
    const withDummySignature = { ...envelope, envelopeTransferChain: [`${unsigned}AAAA`, second] };
    await expectRefused(withDummySignature, 'BSIG', /alg "none"/);
  });

  it('a manifest "signed" with HS256 keyed by the sender’s public key', async () => {
    const bolePem = world.keys.BOLE.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signingInput = `${b64({ alg: 'HS256', kid: world.keys.BOLE.kid })}.${b64(world.second.manifest)}`;
    const mac = createHmac('sha256', bolePem).update(signingInput).digest('base64url');
    const envelope = {
      ...world.second.envelope,
      envelopeManifestSignedContent: `${signingInput}.${mac}`,
    };
    await expectRefused(envelope, 'BSIG', /HS256/);
  });

  it('an issuance manifest not signed by the document’s carrier', async () => {
    const [, second] = world.second.envelope.envelopeTransferChain as [string, string];
    const stranger = await generateSigningKey();
    const forgedIssuance = await signCompactJws(
      { ...(await decodeIssuance()), issueToChecksum: 'f'.repeat(64) },
      stranger,
    );
    const first = await signRawEntry(
      {
        ...entryPayload(world.first.envelope.envelopeTransferChain[0] ?? ''),
        issuanceManifestSignedContent: forgedIssuance,
      },
      world.keys.WAVE,
    );
    const envelope = await envelopeWithChain(
      world.transportDocument,
      [first, second],
      world.keys.BOLE,
    );
    await expectRefused(envelope, 'BSIG', /issuance manifest/);
  });
});

async function decodeIssuance(): Promise<Record<string, unknown>> {
  const [, payload] = world.issuanceManifestSignedContent.split('.');
  return Promise.resolve(
    JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>,
  );
}

describe('verifyEnvelope refuses with BENV when the contents do not hold together', () => {
  it('the transport document changed in one field', async () => {
    const tampered = {
      ...world.second.envelope,
      transportDocument: { ...world.transportDocument, isToOrder: true },
    };
    await expectRefused(tampered, 'BENV', /transport document/);
  });

  it('an entry dropped from the middle of the chain', async () => {
    const outgoing = await fourEntryEnvelope();
    const [e0, e1, , e3] = outgoing.envelope.envelopeTransferChain as [
      string,
      string,
      string,
      string,
    ];
    const envelope = { ...outgoing.envelope, envelopeTransferChain: [e0, e1, e3] };
    await expectRefused(envelope, 'BENV', /entry 2 does not follow entry 1/);
  });

  it('the first entry dropped', async () => {
    const [, second] = world.second.envelope.envelopeTransferChain as [string, string];
    await expectRefused({ ...world.second.envelope, envelopeTransferChain: [second] }, 'BENV');
  });

  it('entries reordered', async () => {
    const outgoing = await fourEntryEnvelope();
    const [e0, e1, e2, e3] = outgoing.envelope.envelopeTransferChain as [
      string,
      string,
      string,
      string,
    ];
    const envelope = { ...outgoing.envelope, envelopeTransferChain: [e0, e2, e1, e3] };
    await expectRefused(envelope, 'BENV', /entry 1 does not follow entry 0/);
  });

  it('a middle entry swapped for another entry its platform validly signed', async () => {
    const outgoing = await fourEntryEnvelope();
    const chain = [...outgoing.envelope.envelopeTransferChain];
    const original = entryPayload(chain[2] ?? '');
    chain[2] = await signRawEntry(
      {
        ...original,
        transactions: original.transactions.map((t) => ({
          ...t,
          actionDateTime: '2026-11-23T09:00:00.000Z',
        })),
      },
      world.keys.PUJI,
    );
    await expectRefused(
      { ...outgoing.envelope, envelopeTransferChain: chain },
      'BENV',
      /entry 3 does not follow entry 2/,
    );
  });

  it('the last entry swapped while the manifest still names the old one', async () => {
    const outgoing = await fourEntryEnvelope();
    const chain = [...outgoing.envelope.envelopeTransferChain];
    chain[3] = await signRawEntry(
      {
        ...entryPayload(chain[3] ?? ''),
        transactions: outgoing.entry.transactions.map((t) => ({ ...t, comments: 'changed' })),
      },
      world.keys.BOLE,
    );
    await expectRefused(
      { ...outgoing.envelope, envelopeTransferChain: chain },
      'BENV',
      /manifest names/,
    );
  });

  it('a manifest naming another last entry than the chain’s', async () => {
    const envelope = await envelopeWithChain(
      world.transportDocument,
      world.second.envelope.envelopeTransferChain,
      world.keys.BOLE,
      { lastEnvelopeTransferChainEntrySignedContentChecksum: world.first.lastEntryChecksum },
    );
    await expectRefused(envelope, 'BENV', /last chain entry is not the one the manifest names/);
  });

  it('a chain entry for another document (a replayed entry from another eBL)', async () => {
    const other = { ...world.transportDocument, transportDocumentReference: 'PJTD0000099' };
    const [first] = world.second.envelope.envelopeTransferChain as [string];
    const foreign = await signRawEntry(
      {
        ...entryPayload(world.second.envelope.envelopeTransferChain[1] ?? ''),
        transportDocumentChecksum: canonicalSha256(other),
        previousEnvelopeTransferChainEntrySignedContentChecksum: signedContentChecksum(first),
      },
      world.keys.BOLE,
    );
    const envelope = await envelopeWithChain(
      world.transportDocument,
      [first, foreign],
      world.keys.BOLE,
      {
        transportDocumentChecksum: canonicalSha256(world.transportDocument),
      },
    );
    await expectRefused(envelope, 'BENV', /another transport document/);
  });

  it('an envelope addressed to a party on another platform', async () => {
    state.registered.set('PUJI', verificationKeyOf(world.keys.PUJI));
    const verification = await verifyEnvelope(world.second.envelope, {
      ...receiverContext(state),
      receivingPlatform: 'CARX',
    });
    expect(refusalOf(verification)).toMatchObject({
      responseCode: 'BENV',
      reason: expect.stringMatching(/CARX/),
    });
  });

  it('a recipient this platform does not know', async () => {
    const verification = await verifyEnvelope(world.second.envelope, {
      ...receiverContext(state),
      isKnownRecipient: () => Promise.resolve(false),
    });
    expect(refusalOf(verification)).toMatchObject({
      responseCode: 'BENV',
      reason: expect.stringMatching(/not known/),
    });
  });

  it('transactions after an accepted surrender (SACC)', async () => {
    const [first] = world.second.envelope.envelopeTransferChain as [string];
    const entry: EnvelopeTransferChainEntry = {
      eblPlatform: 'BOLE',
      transportDocumentChecksum: canonicalSha256(world.transportDocument),
      previousEnvelopeTransferChainEntrySignedContentChecksum: signedContentChecksum(first),
      transactions: [
        transaction('SACC', parties.buyer, parties.bank, '2026-11-22T10:00:00.000Z'),
        transaction('TRANSFER', parties.buyer, parties.bank, '2026-11-22T10:15:00.000Z'),
      ],
    };
    const envelope = await envelopeWithChain(
      world.transportDocument,
      [first, await signRawEntry(entry, world.keys.BOLE)],
      world.keys.BOLE,
    );
    await expectRefused(envelope, 'BENV', /follows an accepted surrender/);
  });

  it('an unknown action code, even correctly signed', async () => {
    const [first] = world.second.envelope.envelopeTransferChain as [string];
    const entry = {
      ...entryPayload(world.second.envelope.envelopeTransferChain[1] ?? ''),
      transactions: [
        {
          ...transaction('TRANSFER', parties.buyer, parties.bank, '2026-11-22T10:15:00.000Z'),
          actionCode: 'TRNS',
        },
      ],
    } as unknown as EnvelopeTransferChainEntry;
    const envelope = await envelopeWithChain(
      world.transportDocument,
      [first, await signRawEntry(entry, world.keys.BOLE)],
      world.keys.BOLE,
    );
    await expectRefused(envelope, 'BENV', /TRNS/);
  });

  it('a first entry without the carrier’s issuance manifest', async () => {
    const [first, second] = world.second.envelope.envelopeTransferChain as [string, string];
    const bare = { ...entryPayload(first), issuanceManifestSignedContent: undefined };
    const newFirst = await signRawEntry(bare, world.keys.WAVE);
    const relinked = await signRawEntry(
      {
        ...entryPayload(second),
        previousEnvelopeTransferChainEntrySignedContentChecksum: signedContentChecksum(newFirst),
      },
      world.keys.BOLE,
    );
    const envelope = await envelopeWithChain(
      world.transportDocument,
      [newFirst, relinked],
      world.keys.BOLE,
    );
    await expectRefused(envelope, 'BENV', /issuanceManifestSignedContent/);
  });

  it('another visualisation than the one the carrier issued', async () => {
    const envelope = await envelopeWithChain(
      world.transportDocument,
      world.second.envelope.envelopeTransferChain,
      world.keys.BOLE,
      { eBLVisualisationByCarrier: { ...visualisationMetadata, documentChecksum: 'e'.repeat(64) } },
    );
    await expectRefused(envelope, 'BENV', /visualisation/);
  });

  it('a body that is no envelope, without a checksum to sign an answer for', async () => {
    const refusal = await expectRefused({ transportDocument: {} }, 'BENV');
    expect(refusal.lastEntryChecksum).toBeUndefined();
  });
});

describe('verifyEnvelope answers DUPE and DISE', () => {
  it('DUPE for a replay of an envelope accepted before, with the accepted last entry', async () => {
    state.accepted.add(world.second.lastEntryChecksum);
    const refusal = await expectRefused(world.second.envelope, 'DUPE');
    expect(refusal.duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent).toBe(
      world.second.envelope.envelopeTransferChain[1],
    );
  });

  it('DISE when the chain omits an entry this platform knows for the document', async () => {
    const known = await signRawEntry(
      {
        ...entryPayload(world.second.envelope.envelopeTransferChain[1] ?? ''),
        eblPlatform: 'BOLE',
      },
      world.keys.PUJI,
    );
    state.knownEntries.set(canonicalSha256(world.transportDocument), [
      world.first.lastEntryChecksum,
      signedContentChecksum(known),
    ]);
    await expectRefused(world.second.envelope, 'DISE', /omits 1 entry/);
  });
});

describe('verifyEnvelope checks every entry, not just the last', () => {
  it('refuses a forged first entry even when the sender’s own entry and manifest are perfect', async () => {
    const [first] = world.first.envelope.envelopeTransferChain as [string];
    const forgedFirst = await signRawEntry(
      { ...entryPayload(first), transactions: entryPayload(first).transactions.slice(0, 1) },
      world.strangerKey,
    );
    const envelope: EblEnvelope = (
      await buildEnvelope({
        transportDocument: world.transportDocument,
        previousChain: [forgedFirst],
        transactions: [
          transaction('TRANSFER', parties.buyer, parties.bank, '2026-11-22T10:15:00.000Z'),
        ],
        eBLVisualisationByCarrier: visualisationMetadata,
        sendingPlatform: 'BOLE',
        signingKey: world.keys.BOLE,
      })
    ).envelope;
    await expectRefused(envelope, 'BSIG', /chain entry 0/);
  });
});

describe('postedByAnother: only the sending platform posts its envelope', () => {
  it('lets the platform that signed the last entry post it', () => {
    expect(postedByAnother(world.second.envelope, 'BOLE')).toBeUndefined();
  });

  it('refuses another platform, even one whose key is registered and signed an earlier entry', () => {
    expect(postedByAnother(world.second.envelope, 'WAVE')).toMatch(
      /sent by BOLE, not by the calling platform WAVE/,
    );
  });

  it('leaves a body without a readable chain to verifyEnvelope, which answers BENV', () => {
    expect(postedByAnother({ transportDocument: {} }, 'WAVE')).toBeUndefined();
    expect(postedByAnother({ envelopeTransferChain: ['not a JWS'] }, 'WAVE')).toBeUndefined();
  });
});

describe('verifyEnvelope refuses a stale or future-dated transfer with BENV', () => {
  // BOLE transferred the eBL to PUJI at 10:15; PUJI accepts transfers up to an hour old.
  const receivedAt = (iso: string) =>
    verifyEnvelope(world.second.envelope, { ...receiverContext(state), receivedAt: new Date(iso) });

  it.each(['2026-11-22T11:15:00.000Z', '2026-11-22T10:14:01.000Z'])(
    'accepts the transfer received at %s (within the hour, within the clock skew)',
    async (at) => {
      expect((await receivedAt(at)).accepted).toBe(true);
    },
  );

  it('refuses a transfer older than the age this platform accepts', async () => {
    const refusal = refusalOf(await receivedAt('2026-11-22T11:15:00.001Z'));
    expect(refusal).toMatchObject({ responseCode: 'BENV' });
    expect(refusal.reason).toMatch(
      /TRANSFER at 2026-11-22T10:15:00.000Z\) is older than the 3600 s/,
    );
  });

  it('takes a transfer past that age whose import our ledger already holds (a lost RECE), so the sender can hear RECE', async () => {
    const verdict = await verifyEnvelope(world.second.envelope, {
      ...receiverContext(state),
      receivedAt: new Date('2026-11-24T10:15:00.000Z'),
      isImportedBefore: (_reference, sender, checksum) =>
        sender === 'BOLE' && checksum === world.second.lastEntryChecksum,
    });
    expect(verdict.accepted).toBe(true);
  });

  it('refuses a transaction dated beyond the clock skew ahead of our clock', async () => {
    const refusal = refusalOf(await receivedAt('2026-11-22T10:13:59.999Z'));
    expect(refusal).toMatchObject({ responseCode: 'BENV' });
    expect(refusal.reason).toMatch(/entry 1, transaction 0 \(TRANSFER\).* is in the future/);
  });
});
