import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { Identity, Signer, signers } from '@hyperledger/fabric-gateway';
import { LedgerConfig } from './ledger.config';

export async function loadIdentity(config: LedgerConfig): Promise<Identity> {
  const credentials = await readFile(config.FABRIC_CLIENT_CERT);
  return { mspId: config.FABRIC_MSP_ID, credentials };
}

export async function loadSigner(config: LedgerConfig): Promise<Signer> {
  const pem = await readFile(config.FABRIC_CLIENT_KEY);
  return signers.newPrivateKeySigner(createPrivateKey(pem));
}

export async function createPeerClient(config: LedgerConfig): Promise<grpc.Client> {
  const tlsRootCert = await readFile(config.FABRIC_TLS_CA_CERT);
  return new grpc.Client(config.FABRIC_PEER_ENDPOINT, grpc.credentials.createSsl(tlsRootCert), {
    'grpc.ssl_target_name_override': config.FABRIC_PEER_HOST_ALIAS,
    'grpc.keepalive_time_ms': 60_000,
  });
}
