import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { eventHashIdOfDigest } from '@pujiang/epcis';
import { MerkleTree } from '@pujiang/merkle';
import { main } from './main';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** A proof as GET /events/{id}/proof answers it: the second of three events of a batch. */
function savedProof() {
  const digests = ['e1', 'e2', 'e3'].map(digest);
  const tree = new MerkleTree(digests);
  return {
    eventID: 'urn:uuid:6d3e4a8e-1f1b-4c53-9a57-0c1d3f2b8e11',
    eventHash: eventHashIdOfDigest(digests[1] ?? ''),
    anchorStatus: 'anchored',
    verified: true,
    anchor: {
      batchId: 'batch-1',
      leafIndex: 1,
      proof: tree.proof(1),
      merkleRoot: tree.root,
      txId: 'tx-1',
      blockNumber: 42,
      anchoredAt: '2026-12-06T00:00:00.000Z',
      anchoredBy: 'Org1MSP',
    },
    ledger: {
      merkleRoot: tree.root,
      eventCount: 3,
      submitterMspId: 'Org1MSP',
      txId: 'tx-1',
      anchoredAt: '2026-12-06T00:00:00.000Z',
    },
  };
}

describe('pujiang proof verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proof-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verify = async (content: unknown) => {
    const file = join(dir, `${digest(JSON.stringify(content)).slice(0, 8)}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['proof', 'verify', file], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out, err };
  };

  it('verifies a saved proof offline and says what it checked', async () => {
    const { code, out, err } = await verify(savedProof());

    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual(
      expect.arrayContaining([
        'proof leads to the root: yes',
        'root on the ledger (as saved): yes',
        'anchored by: Org1MSP',
        'verified',
      ]),
    );
  });

  it('refuses a proof whose step was changed', async () => {
    const proof = savedProof();
    const [first] = proof.anchor.proof;
    if (first) first.hash = digest('forged');

    const { code, err } = await verify(proof);

    expect(code).toBe(1);
    expect(err).toEqual(['not verified: the inclusion proof does not lead to the stored root']);
  });

  it('refuses a proof whose ledger record holds another root', async () => {
    const proof = savedProof();
    proof.ledger.merkleRoot = digest('another batch');

    const { code, err } = await verify(proof);

    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/another root or transaction for batch batch-1/);
  });

  it('answers bad input with 1 and a one-line reason, bad arguments with 2', async () => {
    expect(await verify('{not json')).toMatchObject({ code: 1 });
    expect(await verify({ ...savedProof(), anchorStatus: 'pending' })).toMatchObject({
      code: 1,
      err: ['pujiang proof verify: the event was not anchored yet when the proof was saved'],
    });
    const missing = await main(['proof', 'verify'], { out: () => undefined, err: () => undefined });
    expect(missing).toBe(2);
    const help: string[] = [];
    expect(
      await main(['proof', 'verify', '--help'], { out: (l) => help.push(l), err: () => undefined }),
    ).toBe(0);
    expect(help.join('\n')).toMatch(/proof verify FILE/);
  });
});
