import { KeyObject, sign } from 'node:crypto';
import { canonicalJson } from '@pujiang/standards';
import { EvidenceBundle, ProducerSignature } from './evidence-bundle';

/**
 * The bytes the producer signs: the bundle's canonical JSON (RFC 8785)
 * without its signature. Everything the producer declares and Fabric did not
 * sign (who asked, when, a party's view of a claim, what was left out) is
 * then attributable to the producing organisation, and no byte of the
 * content can change unnoticed.
 */
export function producerSignedContent(bundle: Omit<EvidenceBundle, 'producerSignature'>): Buffer {
  const content: Partial<EvidenceBundle> = { ...bundle };
  delete content.producerSignature;
  return Buffer.from(canonicalJson(content), 'utf8');
}

/** Signs an assembled bundle with the producing service's Fabric identity. */
export function signBundle(
  bundle: Omit<EvidenceBundle, 'producerSignature'>,
  identity: { mspId: string; certificatePem: string; privateKey: KeyObject },
): EvidenceBundle {
  const algorithm = identity.privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  const signature: ProducerSignature = {
    mspId: identity.mspId,
    certificate: identity.certificatePem,
    signature: sign(algorithm, producerSignedContent(bundle), identity.privateKey).toString(
      'base64',
    ),
  };
  return { ...bundle, producerSignature: signature };
}
