import { Injectable } from '@nestjs/common';
import { Principal } from '@pujiang/auth';
import {
  ClaimRecord,
  EBL_CONTRACT,
  EblRecord,
  EblTransaction,
  LedgerErrorCode,
} from '@pujiang/contracts';
import {
  AnchoredEventEvidence,
  BundleBlock,
  BundleRecord,
  EVIDENCE_BUNDLE_FORMAT,
  EVIDENCE_BUNDLE_VERSION,
  EvidenceBundle,
  EvidenceSubjectKind,
} from '@pujiang/evidence';
import { ProblemException } from '@pujiang/http';
import {
  LedgerConfig,
  LedgerGateway,
  LedgerRefusalError,
  problemFromLedger,
} from '@pujiang/ledger-client';
import { createHash } from 'node:crypto';
import { readAsRequester } from './as-requester';
import { checkSubjectId } from './domain/subject-ids';
import { EvidenceConfig } from './evidence.config';
import { FetchedTransaction, LedgerBlocks } from './ledger-blocks';
import { ProducerIdentity } from './producer-identity';

const MAX_EVENTS = 200;

/** What a bundle is being filled with, transaction by transaction. */
class Collected {
  readonly transactions = new Map<string, FetchedTransaction>();
  readonly records: BundleRecord[] = [];
  readonly anchoredEvents: AnchoredEventEvidence[] = [];
  readonly omissions: { what: string; reason: string }[] = [];
}

/**
 * Assembles evidence bundles (decision 0039): the records as the requester
 * may read them, and from this organisation's peer the transactions that
 * wrote them, their blocks and the channel configuration those blocks name.
 */
@Injectable()
export class EvidenceBundles {
  constructor(
    private readonly blocks: LedgerBlocks,
    private readonly ledger: LedgerGateway,
    private readonly config: EvidenceConfig,
    private readonly ledgerConfig: LedgerConfig,
    private readonly producer: ProducerIdentity,
  ) {}

  async assemble(
    principal: Principal,
    authorization: string,
    subject: { kind: EvidenceSubjectKind; id: string },
  ): Promise<EvidenceBundle> {
    const wrong = checkSubjectId(subject.kind, subject.id);
    if (wrong !== undefined) throw new ProblemException(400, wrong);
    const collected = new Collected();
    if (subject.kind === 'claim') await this.claim(subject.id, authorization, collected);
    else if (subject.kind === 'lot') await this.lot(subject.id, authorization, collected);
    else await this.ebl(principal, subject.id, collected);
    const fetched = [...collected.transactions.values()];
    const blocks = unique(fetched.map((f) => f.block));
    const configNumbers = [...new Set(fetched.map((f) => f.lastConfig))];
    const configBlocks: BundleBlock[] = [];
    for (const number of configNumbers) configBlocks.push(await this.blocks.blockByNumber(number));
    return this.producer.sign({
      format: EVIDENCE_BUNDLE_FORMAT,
      version: EVIDENCE_BUNDLE_VERSION,
      subject,
      producedBy: {
        service: 'pujiang-ledger',
        mspId: this.ledgerConfig.FABRIC_MSP_ID,
        requestedBy: `${principal.organisation}::${principal.party}`,
      },
      producedAt: new Date().toISOString(),
      channel: this.blocks.channel,
      records: collected.records,
      anchoredEvents: collected.anchoredEvents,
      transactions: fetched.map((f) => f.transaction),
      blocks,
      configBlocks,
      omissions: collected.omissions,
    });
  }

  /** A claim as its party reads it, the public record of each of its steps, and its traceability evidence. */
  private async claim(claimId: string, authorization: string, collected: Collected): Promise<void> {
    const answer = (await readAsRequester(
      `${base(this.config.CLAIMS_URL)}/claims/${claimId}`,
      authorization,
      `claim ${claimId}`,
    )) as { claim?: ClaimRecord };
    const claim = answer.claim;
    if (!Array.isArray(claim?.history) || !Array.isArray(claim.documents)) {
      throw new ProblemException(503, `claim ${claimId}: the claims service answered no claim`);
    }
    const txIds = [...claim.history.map((h) => h.txId), ...claim.documents.map((d) => d.txId)];
    for (const txId of txIds) await this.transaction(txId, collected);
    const last = await this.transaction(claim.lastTxId, collected);
    const stub = last.writes.find((w) => {
      const value = parseObject(w.value);
      return value?.claimId === claimId && value.lastTxId === claim.lastTxId && 'trail' in value;
    });
    if (stub === undefined)
      throw new ProblemException(
        503,
        `the ledger holds no public record of claim ${claimId} at its last transaction`,
      );
    collected.records.push(
      stateRecord(`claim ${claimId} public record on the ledger`, claim.lastTxId, stub),
      {
        kind: 'claim',
        description: `claim ${claimId} as read by the requester`,
        claimId,
        content: claim as unknown as Record<string, unknown>,
      },
    );
    for (const document of claim.documents) {
      if (document.kind !== 'TRACEABILITY_EVIDENCE' || document.reference === undefined) continue;
      await this.eventOrOmission(document.reference, authorization, collected);
    }
  }

  /** A lot's events (first page of its EPCIS query) with their anchoring proofs. */
  private async lot(epcClass: string, authorization: string, collected: Collected): Promise<void> {
    const query = `${base(this.config.TRACEABILITY_URL)}/events?MATCH_anyEPCClass=${encodeURIComponent(epcClass)}&perPage=${MAX_EVENTS}`;
    const document = (await readAsRequester(
      query,
      authorization,
      `lot ${epcClass}`,
    )) as QueryDocument;
    const events = eventListOf(document);
    if (events.length === 0)
      throw new ProblemException(404, `lot ${epcClass}: no events you may see`);
    if (events.length >= MAX_EVENTS) {
      collected.omissions.push({
        what: `events of lot ${epcClass} after the first ${MAX_EVENTS}`,
        reason: 'one bundle holds one page of a lot; ask for its events by smaller lots',
      });
    }
    for (const event of events) {
      if (typeof event.eventID !== 'string') continue;
      await this.eventOrOmission(event.eventID, authorization, collected);
    }
  }

  /** An eBL's ledger record, for an organisation that took part in it. */
  private async ebl(principal: Principal, id: string, collected: Collected): Promise<void> {
    const [platform = '', reference = ''] = id.split('/');
    let json: string;
    try {
      json = await this.ledger.evaluate({
        contract: EBL_CONTRACT,
        transaction: EblTransaction.read,
        args: [platform, reference],
      });
    } catch (error) {
      if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.notFound) {
        throw new ProblemException(404, `eBL ${id}: not found`);
      }
      throw problemFromLedger(error);
    }
    const record = JSON.parse(json) as EblRecord;
    if (!eblOrganisations(record).has(principal.organisation)) {
      throw new ProblemException(403, `eBL ${id}: your organisation took no part in it`);
    }
    for (const entry of record.chain) await this.transaction(entry.txId, collected);
    const last = await this.transaction(record.lastTxId, collected);
    const state = last.writes.find(
      (w) =>
        createHash('sha256').update(w.value).digest('hex') ===
        createHash('sha256').update(json).digest('hex'),
    );
    if (state === undefined)
      throw new ProblemException(
        503,
        `the ledger's last transaction of eBL ${id} did not write it`,
      );
    collected.records.push(stateRecord(`eBL ${id} record on the ledger`, record.lastTxId, state));
  }

  private async eventOrOmission(
    eventID: string,
    authorization: string,
    collected: Collected,
  ): Promise<void> {
    const path = `${base(this.config.TRACEABILITY_URL)}/events/${encodeURIComponent(eventID)}`;
    let document: QueryDocument;
    let proof: ProofAnswer;
    try {
      document = (await readAsRequester(path, authorization, `event ${eventID}`)) as QueryDocument;
      proof = (await readAsRequester(
        `${path}/proof`,
        authorization,
        `proof of ${eventID}`,
      )) as ProofAnswer;
    } catch (error) {
      if (!(error instanceof ProblemException) || error.getStatus() === 503) throw error;
      collected.omissions.push({
        what: `event ${eventID}`,
        reason: 'the requester may not read it',
      });
      return;
    }
    const [event] = eventListOf(document);
    const anchor = proof.anchor;
    if (
      event === undefined ||
      proof.anchorStatus !== 'anchored' ||
      anchor === undefined ||
      anchor.anchoredBy === null
    ) {
      collected.omissions.push({
        what: `event ${eventID}`,
        reason: 'not anchored on the ledger yet',
      });
      return;
    }
    await this.transaction(anchor.txId, collected);
    collected.anchoredEvents.push({
      eventID,
      eventHash: proof.eventHash,
      event,
      context: { jsonLdContext: document['@context'] },
      anchor: {
        batchId: anchor.batchId,
        submitterMspId: anchor.anchoredBy,
        merkleRoot: anchor.merkleRoot,
        leafIndex: anchor.leafIndex,
        proof: anchor.proof,
        txId: anchor.txId,
      },
    });
  }

  private async transaction(txId: string, collected: Collected): Promise<FetchedTransaction> {
    const known = collected.transactions.get(txId);
    if (known !== undefined) return known;
    const fetched = await this.blocks.transaction(txId);
    collected.transactions.set(txId, fetched);
    return fetched;
  }
}

interface QueryDocument {
  '@context'?: unknown;
  epcisBody?: { queryResults?: { resultsBody?: { eventList?: Record<string, unknown>[] } } };
}

interface ProofAnswer {
  eventHash: string;
  anchorStatus: 'pending' | 'anchored';
  anchor?: {
    batchId: string;
    leafIndex: number;
    proof: { position: 'left' | 'right'; hash: string }[];
    merkleRoot: string;
    txId: string;
    anchoredBy: string | null;
  };
}

function eventListOf(document: QueryDocument): Record<string, unknown>[] {
  return document.epcisBody?.queryResults?.resultsBody?.eventList ?? [];
}

function stateRecord(
  description: string,
  txId: string,
  write: { namespace: string; key: string; value: Buffer },
): BundleRecord {
  return {
    kind: 'ledger-state',
    description,
    txId,
    namespace: write.namespace,
    key: write.key,
    value: write.value.toString('utf8'),
    sha256: createHash('sha256').update(write.value).digest('hex'),
  };
}

/** The organisations of every party named in an eBL's record and chain. */
function eblOrganisations(record: EblRecord): Set<string> {
  const parties = [
    record.issuer,
    record.holder,
    record.possessor,
    record.endorsee,
    ...record.chain.flatMap((e) => [e.actor, e.recipient]),
  ];
  return new Set([
    record.platform,
    ...parties.flatMap((p) => (typeof p === 'string' ? [p.split('::')[0] ?? ''] : [])),
  ]);
}

function unique(blocks: BundleBlock[]): BundleBlock[] {
  const byNumber = new Map(blocks.map((b) => [b.number, b]));
  return [...byNumber.values()].sort((a, b) => (BigInt(a.number) < BigInt(b.number) ? -1 : 1));
}

function parseObject(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function base(url: string): string {
  return url.replace(/\/$/, '');
}
