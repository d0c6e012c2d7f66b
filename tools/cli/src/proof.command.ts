import { eventHashDigest } from '@pujiang/epcis';
import { ProofStep } from '@pujiang/merkle';
import {
  LedgerBatch,
  StoredAnchor,
  verifyAnchor,
} from '../../../services/traceability/src/epcis/anchoring/domain/anchor-proof';
import { UsageError, type Command } from './command';
import { readJsonFile } from './json-file';

/**
 * `pujiang proof verify FILE`: checks a proof saved from
 * `GET /events/{eventID}/proof` without any network: its inclusion proof
 * leads from the event hash to the batch's root, the ledger record saved with
 * it holds that root from the same transaction, and names the organisation
 * that anchored it. The same rules as the service (verifyAnchor); what it
 * cannot judge offline (the event as stored now) it takes from the file.
 */
export const proofCommand: Command = {
  words: ['proof', 'verify'],
  usage: 'proof verify FILE   check a proof saved from GET /events/{id}/proof, offline',
  async run(args, io) {
    if (args.length !== 1 || args[0]?.startsWith('--'))
      throw new UsageError('give exactly one FILE');
    const saved = savedProof(await readJsonFile(args[0] ?? ''));
    const digest = eventHashDigest(saved.eventHash);
    const verdict = verifyAnchor(
      {
        capturedHashDigest: digest,
        recomputedHashDigest: digest,
        capturingOrganisation: saved.anchor.anchoredBy ?? '',
      },
      saved.anchor,
      saved.ledger,
    );
    io.out(`event ${saved.eventHash}`);
    io.out(
      `batch ${saved.anchor.batchId}, root ${saved.anchor.merkleRoot}, tx ${saved.anchor.txId}`,
    );
    io.out(`proof leads to the root: ${verdict.proofLeadsToRoot ? 'yes' : 'no'}`);
    io.out(`root on the ledger (as saved): ${verdict.rootOnLedger ? 'yes' : 'no'}`);
    io.out(`anchored by: ${saved.ledger?.submitterMspId ?? 'unknown'}`);
    if (!verdict.verified) {
      io.err(`not verified: ${verdict.reason ?? ''}`);
      return 1;
    }
    io.out('verified');
    return 0;
  },
};

interface SavedProof {
  eventHash: string;
  anchor: StoredAnchor;
  ledger: LedgerBatch | null;
}

/** The parts of a saved proof the check reads, or a one-line reason it is not one. */
function savedProof(value: unknown): SavedProof {
  const view = record(value, 'the file');
  const eventHash = text(view.eventHash, 'eventHash');
  if (view.anchorStatus !== 'anchored' || view.anchor === undefined) {
    throw new Error('the event was not anchored yet when the proof was saved');
  }
  const anchor = record(view.anchor, 'anchor');
  const steps = anchor.proof;
  if (!Array.isArray(steps)) throw new Error('anchor.proof is not a list');
  const proof: ProofStep[] = steps.map((step, index) => {
    const { position, hash } = record(step, `anchor.proof[${index}]`);
    if (position !== 'left' && position !== 'right') {
      throw new Error(`anchor.proof[${index}].position is not left or right`);
    }
    return { position, hash: hexDigest(hash, `anchor.proof[${index}].hash`) };
  });
  const anchoredBy =
    anchor.anchoredBy === null ? null : text(anchor.anchoredBy, 'anchor.anchoredBy');
  const ledger =
    view.ledger === null || view.ledger === undefined ? null : record(view.ledger, 'ledger');
  return {
    eventHash,
    anchor: {
      batchId: text(anchor.batchId, 'anchor.batchId'),
      leafIndex: Number(anchor.leafIndex),
      proof,
      merkleRoot: hexDigest(anchor.merkleRoot, 'anchor.merkleRoot'),
      txId: text(anchor.txId, 'anchor.txId'),
      blockNumber: Number(anchor.blockNumber),
      anchoredAt: text(anchor.anchoredAt, 'anchor.anchoredAt'),
      anchoredBy,
    },
    ledger:
      ledger === null
        ? null
        : {
            merkleRoot: text(ledger.merkleRoot, 'ledger.merkleRoot'),
            eventCount: Number(ledger.eventCount),
            submitterMspId: text(ledger.submitterMspId, 'ledger.submitterMspId'),
            txId: text(ledger.txId, 'ledger.txId'),
            anchoredAt: text(ledger.anchoredAt, 'ledger.anchoredAt'),
          },
  };
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new Error(`${what} is missing`);
  return value;
}

function hexDigest(value: unknown, what: string): string {
  const digest = text(value, what);
  if (!/^[0-9a-f]{64}$/.test(digest)) throw new Error(`${what} is not a SHA-256 hex digest`);
  return digest;
}
