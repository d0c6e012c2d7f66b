import { X509Certificate, createHash, verify } from 'node:crypto';
import { MspDefinition, SignedBytes } from './fabric-records';

const MAX_CHAIN = 5;

/** A signer as the report names it: MSP, certificate subject and fingerprint. */
export interface NamedSigner {
  mspId: string;
  subject: string;
  sha256Fingerprint: string;
}

/**
 * Checks signatures against the channel configuration's MSPs: the signer's
 * certificate must chain to a root CA of the MSP it names, and the signature
 * must hold over the signed bytes. Returns the signer, or the reason it fails.
 */
export class MspTrust {
  private readonly byId = new Map<string, MspDefinition>();

  constructor(msps: readonly MspDefinition[]) {
    for (const msp of msps) this.byId.set(msp.mspId, msp);
  }

  get mspIds(): string[] {
    return [...this.byId.keys()];
  }

  roleOf(mspId: string): MspDefinition['role'] | undefined {
    return this.byId.get(mspId)?.role;
  }

  /** `at`, when known (a transaction's time), must fall within the certificate's validity. */
  check(signed: SignedBytes, at?: Date): { signer: NamedSigner } | { reason: string } {
    const msp = this.byId.get(signed.signer.mspId);
    if (msp === undefined) {
      return { reason: `signer's MSP ${signed.signer.mspId} is not in the channel configuration` };
    }
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(signed.signer.certificatePem);
    } catch {
      return { reason: `signer's certificate (${msp.mspId}) cannot be read` };
    }
    const signer = named(msp.mspId, certificate);
    const chain = chainsToRoot(certificate, msp);
    if (chain !== undefined) return { reason: `${describe(signer)}: ${chain}` };
    if (at !== undefined && !validAt(certificate, at)) {
      return {
        reason: `${describe(signer)}: certificate was not valid at ${at.toISOString()} (valid ${certificate.validFrom} to ${certificate.validTo})`,
      };
    }
    const algorithm = certificate.publicKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
    let valid = false;
    try {
      valid = verify(algorithm, signed.signed, certificate.publicKey, signed.signature);
    } catch {
      valid = false;
    }
    return valid ? { signer } : { reason: `${describe(signer)}: signature does not verify` };
  }
}

export function describe(signer: NamedSigner): string {
  return `${signer.mspId} ${signer.subject.replace(/\n/g, ', ')}`;
}

export function named(mspId: string, certificate: X509Certificate): NamedSigner {
  return {
    mspId,
    subject: certificate.subject,
    sha256Fingerprint: createHash('sha256').update(certificate.raw).digest('hex'),
  };
}

/** Undefined when `certificate` chains to one of the MSP's root CAs; else why not. */
function chainsToRoot(certificate: X509Certificate, msp: MspDefinition): string | undefined {
  const roots = parseAll(msp.rootCerts);
  const intermediates = parseAll(msp.intermediateCerts);
  let current = certificate;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const root = roots.find((r) => issued(r, current));
    if (root !== undefined)
      return issued(root, root) ? undefined : 'its root CA is not self-signed';
    const next = intermediates.find((i) => issued(i, current));
    if (next === undefined) {
      return `certificate is not issued by a CA of ${msp.mspId} in the channel configuration`;
    }
    current = next;
  }
  return 'certificate chain too long';
}

function validAt(certificate: X509Certificate, at: Date): boolean {
  const time = at.getTime();
  return Date.parse(certificate.validFrom) <= time && time <= Date.parse(certificate.validTo);
}

function issued(issuer: X509Certificate, subject: X509Certificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function parseAll(pems: readonly string[]): X509Certificate[] {
  return pems.flatMap((pem) => {
    try {
      return [new X509Certificate(pem)];
    } catch {
      return [];
    }
  });
}
