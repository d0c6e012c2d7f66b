import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EvidenceBundle } from '../evidence-bundle';
import { MspTrust } from './certificates';
import {
  decodeBlock,
  decodeChannelMsps,
  decodeProcessedTransaction,
  decodeTransaction,
} from './fabric-records';

const SAMPLE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'evidence',
  'claim-bundle.json',
);

/** The sample bundle's channel configuration and its first transaction's endorsement. */
function sample() {
  const bundle = JSON.parse(readFileSync(SAMPLE, 'utf8')) as EvidenceBundle;
  const config = decodeBlock(Buffer.from(bundle.configBlocks[0]?.block ?? '', 'base64'));
  const msps = decodeChannelMsps(config.envelopes[0] ?? Buffer.alloc(0));
  const tx = decodeTransaction(
    decodeProcessedTransaction(
      Buffer.from(bundle.transactions[0]?.processedTransaction ?? '', 'base64'),
    ).envelope,
  );
  const endorsement = tx.endorsements[0];
  if (endorsement === undefined) throw new Error('the sample transaction has no endorsement');
  return { msps, endorsement, at: new Date(tx.timestamp) };
}

describe('MspTrust', () => {
  it('names the endorser of a signature that holds, by its certificate chaining to its MSP root CA', () => {
    const { msps, endorsement, at } = sample();
    const checked = new MspTrust(msps).check(endorsement, at);
    expect(checked).toEqual({
      signer: {
        mspId: endorsement.signer.mspId,
        subject: expect.stringMatching(/OU=peer\nCN=peer0\.org\d\.pujiang\.test/) as string,
        sha256Fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      },
    });
  });

  it('refuses a certificate outside its validity at the time of the signature', () => {
    const { msps, endorsement } = sample();
    const checked = new MspTrust(msps).check(endorsement, new Date('1999-01-01T00:00:00Z'));
    expect(checked).toEqual({
      reason: expect.stringMatching(
        /certificate was not valid at 1999-01-01T00:00:00.000Z/,
      ) as string,
    });
  });

  it('refuses a certificate presented under another MSP, and an MSP the channel does not know', () => {
    const { msps, endorsement, at } = sample();
    const trust = new MspTrust(msps);
    const other = msps.find(
      (m) => m.role === 'application' && m.mspId !== endorsement.signer.mspId,
    );
    const asOther = {
      ...endorsement,
      signer: { ...endorsement.signer, mspId: other?.mspId ?? '' },
    };
    expect(trust.check(asOther, at)).toEqual({
      reason: expect.stringMatching(/certificate is not issued by a CA of Org\dMSP/) as string,
    });
    const unknown = { ...endorsement, signer: { ...endorsement.signer, mspId: 'RegulatorMSP' } };
    expect(trust.check(unknown, at)).toEqual({
      reason: "signer's MSP RegulatorMSP is not in the channel configuration",
    });
  });

  it('accepts any number of organisations: one more MSP in the configuration changes nothing', () => {
    const { msps, endorsement, at } = sample();
    const regulator = { ...msps[0], mspId: 'RegulatorMSP', rootCerts: [] };
    expect('signer' in new MspTrust([...msps, regulator]).check(endorsement, at)).toBe(true);
  });
});
