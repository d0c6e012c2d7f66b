import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { EvidenceBundle } from './evidence-bundle';
import { blockDataHash } from './fabric/block-header';
import { verifyEvidenceBundle } from './verify-bundle';

/** A parametric claim's bundle, produced by test/e2e/evidence-bundles on the real stack. */
const SAMPLE = join(
  __dirname,
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'evidence',
  'claim-bundle.json',
);
const sample = (): EvidenceBundle => JSON.parse(readFileSync(SAMPLE, 'utf8')) as EvidenceBundle;

const flipLastByte = (base64: string): string => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
  return bytes.toString('base64');
};

/** Rewrites one block (base64 common.Block) through `change`, keeping everything else byte for byte. */
function rewriteBlock(base64: string, change: (block: common.Block) => void): string {
  const block = common.Block.deserializeBinary(Buffer.from(base64, 'base64'));
  change(block);
  return Buffer.from(block.serializeBinary()).toString('base64');
}

/** The orderer's signature entry of a block, to tamper with its signature or its certificate. */
function ordererSignature(
  block: common.Block,
  change: (entry: common.MetadataSignature) => void,
): void {
  const metadata = block.getMetadata()!;
  const list = metadata.getMetadataList_asU8();
  const signatures = common.Metadata.deserializeBinary(list[common.BlockMetadataIndex.SIGNATURES]);
  change(signatures.getSignaturesList()[0]);
  list[common.BlockMetadataIndex.SIGNATURES] = signatures.serializeBinary();
  metadata.setMetadataList(list);
}

describe('verifyEvidenceBundle on a sample claim bundle', () => {
  const at = new Date('2026-12-06T08:00:00Z');

  it('verifies it offline and reports who did what, when, and who checked it', () => {
    const report = verifyEvidenceBundle(sample(), at);

    expect(report.failures).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.verifiedBy).toEqual({
      tool: expect.stringContaining('pujiang evidence verify') as string,
      version: '1.0.0',
      at: at.toISOString(),
    });
    expect(report.subject).toMatch(/^claim /);
    expect(report.producerSigner?.mspId).toBe('Org1MSP');
    expect(report.trustAnchors.map((a) => a.mspId)).toEqual(
      expect.arrayContaining(['Org1MSP', 'Org2MSP']),
    );
    expect(report.trustAnchors.some((a) => a.role === 'orderer')).toBe(true);
    expect(report.steps.length).toBe(sample().transactions.length);
    for (const step of report.steps) {
      expect(step.creator?.subject).toMatch(/CN=/);
      expect(step.endorsers.length).toBeGreaterThan(0);
      expect(step.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    const signed = report.blocks.filter((b) => b.number !== '0');
    expect(signed.length).toBeGreaterThan(0);
    expect(signed.every((b) => b.signedBy.some((s) => s.mspId === 'OrdererMSP'))).toBe(true);
    expect(report.records).toHaveLength(2);
    expect(report.anchoredEvents).toHaveLength(1);
  });

  it('keeps no secret key: certificates only', () => {
    expect(readFileSync(SAMPLE, 'utf8')).not.toMatch(/PRIVATE KEY/);
  });

  const refusals: [string, (bundle: EvidenceBundle) => void, RegExp][] = [
    [
      'a record',
      (b) => {
        const record = b.records[0];
        if (record.kind === 'ledger-state')
          record.value = record.value.replace('"status":"', '"status":"X');
      },
      /record "claim .* public record on the ledger": its content does not hash to its sha256/,
    ],
    [
      'a record and its hash together',
      (b) => {
        const record = b.records[0];
        if (record.kind !== 'ledger-state') return;
        record.value = record.value.replace('"status":"', '"status":"X');
        record.sha256 = createHash('sha256').update(record.value).digest('hex');
      },
      /differs from what transaction [0-9a-f]{64} wrote/,
    ],
    [
      "a party's view of the claim",
      (b) => {
        const view = b.records[1];
        if (view.kind === 'claim') view.content.status = 'PAID';
      },
      /its status is not the ledger's/,
    ],
    [
      'a Merkle proof',
      (b) => {
        const anchor = b.anchoredEvents[0].anchor;
        if (anchor.proof.length > 0) anchor.proof[0].hash = 'f'.repeat(64);
        else anchor.merkleRoot = 'f'.repeat(64);
      },
      /Merkle proof does not lead to root/,
    ],
    [
      'an anchored event',
      (b) => {
        b.anchoredEvents[0].event.eventTime = '2001-01-01T00:00:00.000Z';
      },
      /the event does not hash to its event hash/,
    ],
    [
      "an orderer's signature",
      (b) => {
        b.blocks[0].block = rewriteBlock(b.blocks[0].block, (block) =>
          ordererSignature(block, (entry) =>
            entry.setSignature(flipLastByte(entry.getSignature_asB64())),
          ),
        );
      },
      /block \d+: orderer signature: .* signature does not verify/,
    ],
    [
      "an orderer's certificate",
      (b) => {
        b.blocks[0].block = rewriteBlock(b.blocks[0].block, (block) =>
          ordererSignature(block, (entry) => {
            const header = common.SignatureHeader.deserializeBinary(
              entry.getSignatureHeader_asU8(),
            );
            const identity = msp.SerializedIdentity.deserializeBinary(header.getCreator_asU8());
            const pem = Buffer.from(identity.getIdBytes_asU8()).toString('utf8');
            // A certificate of another organisation presented under the orderer's MSP id.
            const other = sample().producerSignature.certificate;
            identity.setIdBytes(Buffer.from(pem === other ? pem : other));
            header.setCreator(identity.serializeBinary());
            entry.setSignatureHeader(header.serializeBinary());
          }),
        );
      },
      /block \d+: orderer signature: .*certificate is not issued by a CA of/,
    ],
    [
      'a block header',
      (b) => {
        b.blocks[0].block = rewriteBlock(b.blocks[0].block, (block) =>
          block.getHeader()!.setDataHash(Buffer.alloc(32, 7)),
        );
      },
      /block \d+: its data hash does not match its transactions/,
    ],
    [
      "an endorser's signature (the block rebuilt around it)",
      (b) => {
        const tx = b.transactions[0];
        const processed = peer.ProcessedTransaction.deserializeBinary(
          Buffer.from(tx.processedTransaction, 'base64'),
        );
        const envelope = processed.getTransactionenvelope()!;
        const before = Buffer.from(envelope.serializeBinary());
        const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
        const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
        const action = transaction.getActionsList()[0];
        const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(
          action.getPayload_asU8(),
        );
        const endorsement = actionPayload.getAction()!.getEndorsementsList()[0];
        endorsement.setSignature(flipLastByte(endorsement.getSignature_asB64()));
        action.setPayload(actionPayload.serializeBinary());
        payload.setData(transaction.serializeBinary());
        envelope.setPayload(payload.serializeBinary());
        const after = Buffer.from(envelope.serializeBinary());
        tx.processedTransaction = Buffer.from(processed.serializeBinary()).toString('base64');
        const block = b.blocks.find((candidate) => candidate.number === tx.blockNumber)!;
        block.block = rewriteBlock(block.block, (decoded) => {
          const data = decoded.getData()!;
          const envelopes = data.getDataList_asU8().map((e) => (before.equals(e) ? after : e));
          data.setDataList(envelopes);
          decoded.getHeader()!.setDataHash(blockDataHash(envelopes));
        });
      },
      /transaction [0-9a-f]{64}: endorsement: .*signature does not verify/,
    ],
    [
      'a root CA of the channel configuration',
      (b) => {
        b.configBlocks[0].block = flipLastByte(b.configBlocks[0].block);
      },
      /configuration block \d+/,
    ],
    [
      'what the producer declared',
      (b) => {
        b.producedBy.requestedBy = 'Org2MSP::someone-else';
      },
      /the producer's signature: .*signature does not verify/,
    ],
  ];

  it.each(refusals)(
    'refuses a bundle whose %s was changed, naming the reason',
    (_part, tamper, reason) => {
      const bundle = sample();
      tamper(bundle);
      const report = verifyEvidenceBundle(bundle, at);

      expect(report.verified).toBe(false);
      expect(report.failures.join('\n')).toMatch(reason);
    },
  );

  it('refuses what is not a bundle of this version, saying where', () => {
    const report = verifyEvidenceBundle({ ...sample(), version: 2 }, at);
    expect(report.verified).toBe(false);
    expect(report.failures).toEqual([
      'not an evidence bundle of version 1: /version must be equal to constant',
    ]);
    expect(verifyEvidenceBundle('{}', at).failures[0]).toMatch(/not an evidence bundle/);
  });
});
