import { generateKeyPairSync, sign } from 'node:crypto';

/** A distinguished name in order, as `[type, value]` pairs: `[['C', 'US'], …, ['CN', 'x']]`. */
export type DistinguishedName = readonly (readonly [string, string])[];

/** What an enrolment certificate says about its holder. */
export interface CertificateRequest {
  subject: DistinguishedName;
  issuer: DistinguishedName;
  /** Fabric CA attributes, written where the CA writes them (`{"attrs":{…}}` under its OID). */
  attributes?: Readonly<Record<string, string>>;
}

/** The extension Fabric CA puts `--id.attrs … :ecert` in, and fabric-shim reads them from. */
export const FABRIC_CA_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

const NAME_OIDS: Readonly<Record<string, string>> = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
};
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

// One key pair signs, another is certified: the contracts read names and
// attributes, never keys, so every certificate of a test run can share them.
const caKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const holderSpki = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
  type: 'spki',
  format: 'der',
});

/**
 * A PEM X.509 v3 certificate as a Fabric CA issues one, signed with ECDSA
 * P-256, for the fake ledger to hand to fabric-shim's own ClientIdentity:
 * the contracts then read ids and attributes exactly as on a peer.
 */
export function issueCertificate(request: CertificateRequest): string {
  const extensions =
    request.attributes === undefined
      ? []
      : [
          der(
            0xa3,
            seq(
              seq(
                oid(FABRIC_CA_ATTRIBUTES_OID),
                der(0x04, Buffer.from(JSON.stringify({ attrs: request.attributes }))),
              ),
            ),
          ),
        ];
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, Buffer.from([1])),
    seq(oid(ECDSA_WITH_SHA256)),
    name(request.issuer),
    seq(utcTime(new Date('2026-01-01T00:00:00Z')), utcTime(new Date('2036-01-01T00:00:00Z'))),
    name(request.subject),
    holderSpki,
    ...extensions,
  );
  const signature = sign('sha256', tbs, caKey);
  const certificate = seq(
    tbs,
    seq(oid(ECDSA_WITH_SHA256)),
    der(0x03, Buffer.concat([Buffer.from([0]), signature])),
  );
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

function name(dn: DistinguishedName): Buffer {
  return seq(
    ...dn.map(([type, value]) => {
      const typeOid = NAME_OIDS[type];
      if (typeOid === undefined) throw new Error(`no OID for name attribute ${type}`);
      return der(0x31, seq(oid(typeOid), der(0x0c, Buffer.from(value, 'utf8'))));
    }),
  );
}

function utcTime(at: Date): Buffer {
  const text = at.toISOString().replace(/[-:T]/g, '').slice(2, 14);
  return der(0x17, Buffer.from(`${text}Z`, 'ascii'));
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift(0x80 | (v & 0x7f));
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function seq(...content: Buffer[]): Buffer {
  return der(0x30, ...content);
}

/** One DER element: tag, definite length, content. */
function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const length: number[] = [];
  for (let n = body.length; n > 0; n = Math.floor(n / 256)) length.unshift(n & 0xff);
  const header = body.length < 0x80 ? [body.length] : [0x80 | length.length, ...length];
  return Buffer.concat([Buffer.from([tag, ...header]), body]);
}
