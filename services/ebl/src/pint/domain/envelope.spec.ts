import { signedContentChecksum } from '@pujiang/dcsa';
import { canonicalSha256 } from '@pujiang/standards';
import { readUnverifiedJws, verificationKeyOf, verifyCompactJws } from '../../signing';
import { type EnvelopeTransferInstruction, EnvelopeBuildError, buildEnvelope } from './envelope';
import {
  type PintWorld,
  entryPayload,
  generateSigningKey,
  invoiceMetadata,
  parties,
  pintWorld,
  transaction,
  visualisationMetadata,
} from './testing/pint.fixture';

let world: PintWorld;

beforeAll(async () => {
  world = await pintWorld();
});

/** BOLE's transfer to PUJI, as the fixture makes it: change one thing per test. */
function secondTransfer(
  overrides: Partial<EnvelopeTransferInstruction> = {},
): EnvelopeTransferInstruction {
  return {
    transportDocument: world.transportDocument,
    previousChain: world.first.envelope.envelopeTransferChain,
    transactions: [
      transaction('TRANSFER', parties.buyer, parties.bank, '2026-11-22T10:15:00.000Z'),
    ],
    eBLVisualisationByCarrier: visualisationMetadata,
    supportingDocuments: [invoiceMetadata],
    sendingPlatform: 'BOLE',
    signingKey: world.keys.BOLE,
    ...overrides,
  };
}

describe('buildEnvelope', () => {
  it('starts a chain on the issuing platform with the carrier’s issuance manifest', () => {
    const { envelope, entry, lastEntryChecksum } = world.first;
    expect(envelope.envelopeTransferChain).toHaveLength(1);
    expect(entry).toEqual({
      eblPlatform: 'WAVE',
      transportDocumentChecksum: canonicalSha256(world.transportDocument),
      issuanceManifestSignedContent: world.issuanceManifestSignedContent,
      transactions: [
        expect.objectContaining({ actionCode: 'ISSUE' }),
        expect.objectContaining({ actionCode: 'TRANSFER' }),
      ],
    });
    expect(entry).not.toHaveProperty('previousEnvelopeTransferChainEntrySignedContentChecksum');
    expect(lastEntryChecksum).toBe(signedContentChecksum(envelope.envelopeTransferChain[0] ?? ''));
  });

  it('appends an entry linked to the previous one by the SHA-256 of its JWS string', () => {
    const [previous, last] = world.second.envelope.envelopeTransferChain;
    expect(previous).toBe(world.first.envelope.envelopeTransferChain[0]);
    expect(entryPayload(last ?? '')).toEqual({
      eblPlatform: 'BOLE',
      transportDocumentChecksum: canonicalSha256(world.transportDocument),
      previousEnvelopeTransferChainEntrySignedContentChecksum: signedContentChecksum(
        previous ?? '',
      ),
      transactions: [
        transaction('TRANSFER', parties.buyer, parties.bank, '2026-11-22T10:15:00.000Z'),
      ],
    });
  });

  it('signs the entry and a manifest naming document, last entry and additional documents', async () => {
    const { envelope, manifest, lastEntryChecksum, additionalDocuments } = world.second;
    const bole = verificationKeyOf(world.keys.BOLE);
    const verified = await verifyCompactJws(envelope.envelopeManifestSignedContent, bole);
    expect(verified.payload).toEqual(manifest);
    expect(manifest).toEqual({
      transportDocumentChecksum: canonicalSha256(world.transportDocument),
      lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
      eBLVisualisationByCarrier: visualisationMetadata,
      supportingDocuments: [invoiceMetadata],
    });
    await expect(verifyCompactJws(envelope.envelopeTransferChain[1], bole)).resolves.toBeDefined();
    expect(additionalDocuments).toEqual([visualisationMetadata, invoiceMetadata]);
  });

  it('is deterministic given its inputs (RS256 signatures included)', async () => {
    const again = await buildEnvelope(secondTransfer());
    expect(again.envelope).toEqual(world.second.envelope);
    const payloads = (chain: readonly string[]) =>
      chain.map((jws) => readUnverifiedJws(jws).payload);
    expect(payloads(again.envelope.envelopeTransferChain)).toEqual(
      payloads(world.second.envelope.envelopeTransferChain),
    );
  });

  it.each<[string, () => Partial<EnvelopeTransferInstruction>, RegExp]>([
    [
      'a first entry without the issuance manifest',
      () => ({ previousChain: [], sendingPlatform: 'WAVE', signingKey: world.keys.WAVE }),
      /issuanceManifestSignedContent/,
    ],
    [
      'an issuance manifest in a later entry',
      () => ({ issuanceManifestSignedContent: world.issuanceManifestSignedContent }),
      /first entry only/,
    ],
    [
      'an ISSUE after the first transaction',
      () => ({
        transactions: [
          transaction('ISSUE', parties.buyer, parties.bank, '2026-11-22T10:15:00.000Z'),
        ],
      }),
      /ISSUE may only be the first/,
    ],
    [
      'an actor on another platform than the sender',
      () => ({
        transactions: [
          transaction('TRANSFER', parties.shipper, parties.bank, '2026-11-22T10:15:00.000Z'),
        ],
      }),
      /actor is on WAVE/,
    ],
    [
      'a last transaction addressed to our own platform',
      () => ({
        transactions: [
          transaction(
            'TRANSFER',
            parties.buyer,
            { ...parties.bank, eblPlatform: 'BOLE' },
            '2026-11-22T10:15:00.000Z',
          ),
        ],
      }),
      /another platform/,
    ],
    [
      'transactions after an accepted surrender',
      () => ({
        transactions: [
          transaction('SACC', parties.buyer, parties.bank, '2026-11-22T10:15:00.000Z'),
          transaction('TRANSFER', parties.buyer, parties.bank, '2026-11-22T10:16:00.000Z'),
        ],
      }),
      /follows an accepted surrender/,
    ],
    [
      'a surrender not addressed to the issuing carrier',
      () => ({
        transactions: [
          transaction(
            'SURRENDER_FOR_DELIVERY',
            parties.buyer,
            parties.bank,
            '2026-11-22T10:15:00.000Z',
          ),
        ],
      }),
      /not addressed to the carrier/,
    ],
    [
      'the carrier’s visualisation left out',
      () => ({ eBLVisualisationByCarrier: undefined }),
      /visualisation must travel/,
    ],
    [
      'another transport document than the chain’s',
      () => ({ transportDocument: { ...world.transportDocument, isToOrder: true } }),
      /another transport document/,
    ],
    ['no transactions', () => ({ transactions: [] }), /at least one transaction/],
    ['a platform code longer than 4', () => ({ sendingPlatform: 'BOLERO' }), /platform code/],
  ])('refuses to sign %s', async (_what, overrides, message) => {
    const attempt = buildEnvelope(secondTransfer(overrides()));
    await expect(attempt).rejects.toBeInstanceOf(EnvelopeBuildError);
    await expect(buildEnvelope(secondTransfer(overrides()))).rejects.toThrow(message);
  });

  it('lets a surrender go to the carrier that issued the eBL', async () => {
    const carrierOnWave = parties.carrier;
    const outgoing = await buildEnvelope(
      secondTransfer({
        transactions: [
          transaction(
            'SURRENDER_FOR_DELIVERY',
            parties.buyer,
            carrierOnWave,
            '2026-11-22T10:15:00.000Z',
          ),
        ],
      }),
    );
    expect(outgoing.entry.transactions[0]?.actionCode).toBe('SURRENDER_FOR_DELIVERY');
  });

  it('refuses a previous chain that is not a chain of signed entries', async () => {
    const key = await generateSigningKey();
    await expect(
      buildEnvelope(secondTransfer({ previousChain: ['not.a.jws'], signingKey: key })),
    ).rejects.toThrow(EnvelopeBuildError);
  });
});
