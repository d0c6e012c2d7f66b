import { execFileSync } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devPartyCode } from '../../scripts/stack/dev-parties';
import type { TestedSide } from './sandbox-runner';

/**
 * A self-signed X.509 certificate of a platform's signing key: the form in which DCSA's
 * framework takes a platform's key (it verifies that platform's signatures with it).
 */
export function certificateOf(key: KeyObject, commonName: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pint-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    writeFileSync(keyFile, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    execFileSync('openssl', [
      'req',
      '-new',
      '-x509',
      '-key',
      keyFile,
      '-subj',
      `/CN=${commonName}`,
      '-days',
      '2',
      '-out',
      certFile,
    ]);
    return readFileSync(certFile, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * PJA receiving over PINT from DCSA's sending platform. The framework asks, per scenario,
 * whom it should send to: PJA's consignee, or, where the scenario wants an invalid
 * recipient, a party PJA does not know; with the certificate of PJA's signing key, which it
 * verifies PJA's signed answers with. For receiver validation it asks for a party PJA knows.
 */
export function pintReceivingSide(receiver: { code: string; certificatePem: string }): TestedSide {
  const consignee = devPartyCode(receiver.code, 'consignee');
  return {
    input(action, suggested) {
      if (action.startsWith('ReceiverScenarioParametersAndSetup')) {
        const invalid = action.includes('INVALID_RECIPIENT');
        return Promise.resolve({
          receiverParty: {
            partyName: 'Rotterdam Food Imports',
            eblPlatform: receiver.code,
            identifyingCodes: [invalid ? devPartyCode(receiver.code, 'nobody') : consignee],
          },
          receiversX509SigningCertificateInPEMFormat: receiver.certificatePem,
        });
      }
      if (suggested !== null && typeof suggested === 'object' && 'partyCode' in suggested) {
        return Promise.resolve(consignee);
      }
      return Promise.reject(new Error(`PINT receiving: no input known for "${action}"`));
    },
  };
}
