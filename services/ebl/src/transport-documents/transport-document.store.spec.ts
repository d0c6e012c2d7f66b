import { EntityManager } from 'typeorm';
import { TransportDocumentStore } from './transport-document.store';

describe('TransportDocumentStore', () => {
  it('gives the envelope transfer chains held for a document checksum', async () => {
    const query = jest.fn<Promise<unknown[]>, [string, unknown[]?]>(() =>
      Promise.resolve([{ envelope_transfer_chain: ['entry-1.jws', 'entry-2.jws'] }]),
    );
    const manager = { query } as unknown as EntityManager;
    expect(await new TransportDocumentStore().transferChains(manager, 'c'.repeat(64))).toEqual([
      ['entry-1.jws', 'entry-2.jws'],
    ]);
    expect(query.mock.calls[0]?.[1]).toEqual(['c'.repeat(64)]);
  });
});
