import { EntityManager } from 'typeorm';
import { EblEnvelope, RecipientParty } from './domain/pint-types';
import { IncomingTransferStore } from './incoming-transfer.store';

/** A manager that answers every query with `rows` and keeps what it was asked. */
function managerAnswering(rows: unknown[] = []) {
  const query = jest.fn<Promise<unknown[]>, [string, unknown[]?]>(() => Promise.resolve(rows));
  return { manager: { query } as unknown as EntityManager, query };
}

describe('IncomingTransferStore', () => {
  const envelope = {
    transportDocument: { transportDocumentReference: 'TD-1' },
    envelopeManifestSignedContent: 'manifest.jws',
    envelopeTransferChain: ['entry-1.jws', 'entry-2.jws'],
  } as unknown as EblEnvelope;
  const expectedDocuments = [
    {
      name: 'invoice.pdf',
      size: 3,
      mediaType: 'application/pdf',
      documentChecksum: 'c'.repeat(64),
    },
  ];
  const recipient = {
    partyName: 'Consignee Ltd',
    eblPlatform: 'BOLE',
    identifyingCodes: [{ codeListProvider: 'W3C', partyCode: 'did:web:consignee.example' }],
  } as unknown as RecipientParty;
  const row = {
    envelope_reference: 'e7a1f1b4-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    last_entry_checksum: 'a'.repeat(64),
    transport_document_reference: 'TD-1',
    envelope,
    recipient_party: JSON.stringify(recipient),
    sender_platform: 'BOLE',
    expected_documents: expectedDocuments,
    state: 'ACCEPTED',
    expired: false,
    response_signed_content: 'rece.jws',
    created_at: new Date('2026-03-01T08:00:00Z'),
  };

  it('opens a transfer as RECEIVING for its sender, with its envelope, recipient and expected documents as JSON, until it expires', async () => {
    const { manager, query } = managerAnswering();
    await new IncomingTransferStore(manager).open({
      envelopeReference: row.envelope_reference,
      lastEntryChecksum: row.last_entry_checksum,
      transportDocumentReference: 'TD-1',
      envelope,
      senderPlatform: 'BOLE',
      recipient,
      expectedDocuments,
      lifetimeSeconds: 3600,
    });
    const [sql, parameters] = query.mock.calls[0] ?? [];
    expect(sql).toMatch(
      /INSERT INTO incoming_envelope .*now\(\) \+ make_interval\(secs => \$8\),\s+'RECEIVING'\)$/s,
    );
    expect(parameters).toEqual([
      row.envelope_reference,
      row.last_entry_checksum,
      'TD-1',
      JSON.stringify(envelope),
      JSON.stringify(recipient),
      JSON.stringify(expectedDocuments),
      'BOLE',
      3600,
    ]);
  });

  it('reads a transfer back in the terms of PINT', async () => {
    const { manager } = managerAnswering([row]);
    const expected = {
      envelopeReference: row.envelope_reference,
      lastEntryChecksum: row.last_entry_checksum,
      transportDocumentReference: 'TD-1',
      envelope,
      senderPlatform: 'BOLE',
      expectedDocuments,
      state: 'ACCEPTED',
      expired: false,
      responseSignedContent: 'rece.jws',
    };
    const transfers = new IncomingTransferStore(manager);
    expect(await transfers.find(row.envelope_reference)).toEqual(expected);
    expect(await transfers.findAccepted(row.last_entry_checksum)).toEqual(expected);
  });

  it('finds nothing where no row answers', async () => {
    const transfers = new IncomingTransferStore(managerAnswering([]).manager);
    expect(await transfers.find(row.envelope_reference)).toBeUndefined();
    expect(await transfers.findAccepted(row.last_entry_checksum)).toBeUndefined();
    expect(await transfers.receiving(row.last_entry_checksum)).toBeUndefined();
  });

  it('gives the reference of the transfer of a chain that is still receiving and not expired', async () => {
    const { manager, query } = managerAnswering([{ envelope_reference: row.envelope_reference }]);
    expect(await new IncomingTransferStore(manager).receiving(row.last_entry_checksum)).toBe(
      row.envelope_reference,
    );
    expect(query.mock.calls[0]?.[0]).toMatch(/state = 'RECEIVING' AND expires_at > now\(\)/);
  });

  it('keeps a document as bytes, and a second copy changes nothing', async () => {
    const { manager, query } = managerAnswering();
    await new IncomingTransferStore(manager).addDocument(
      'ref',
      'c'.repeat(64),
      Uint8Array.of(1, 2, 3),
    );
    const [sql, parameters] = query.mock.calls[0] ?? [];
    expect(sql).toMatch(/ON CONFLICT DO NOTHING$/);
    expect(parameters).toEqual(['ref', 'c'.repeat(64), Buffer.from([1, 2, 3])]);
  });

  it('lists the checksums of the documents received', async () => {
    const { manager } = managerAnswering([
      { document_checksum: 'c1' },
      { document_checksum: 'c2' },
    ]);
    expect(await new IncomingTransferStore(manager).receivedDocuments('ref')).toEqual(
      new Set(['c1', 'c2']),
    );
  });

  it('accepts a transfer with the signed answer that says so', async () => {
    const { manager, query } = managerAnswering();
    await new IncomingTransferStore(manager).accept('ref', 'rece.jws');
    const [sql, parameters] = query.mock.calls[0] ?? [];
    expect(sql).toMatch(/SET state = 'ACCEPTED', response_signed_content = \$2/);
    expect(parameters).toEqual(['ref', 'rece.jws']);
  });
});
