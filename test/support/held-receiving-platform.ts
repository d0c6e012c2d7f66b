import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedContentChecksum } from '@pujiang/dcsa';
import { receivedResponse, signEnvelopeResponse } from '../../services/ebl/src/pint/domain';
import { importSigningKey } from '../../services/ebl/src/signing';

/**
 * Another company's eBL platform that takes every envelope at once but holds
 * its signed RECE until the test releases it: to the sender, a receiver whose
 * answer comes after the sender's timeout. It is a counterpart outside
 * Pujiang (like CarrierSystem), so the test stands in for it.
 */
export class HeldReceivingPlatform {
  /** Checksums of the last chain entry of every envelope taken, in order, without repeats. */
  readonly accepted: string[] = [];
  readonly publicKeyFile: string;
  private readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private server?: Server;
  private release!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));

  constructor(readonly code: string) {
    this.publicKeyFile = join(mkdtempSync(join(tmpdir(), 'held-platform-')), 'platform.pub.pem');
    writeFileSync(this.publicKeyFile, this.keys.publicKey.export({ type: 'spki', format: 'pem' }));
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.answer(request).then(({ status, body }) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(body),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Lets every held answer (and any later one) go out. */
  releaseAnswers(): void {
    this.release();
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; body: string }> {
    const text = await readBody(request);
    if (request.url === '/v3/receiver-validation') {
      return { status: 200, body: JSON.stringify({ partyName: 'Held Receiver Trading' }) };
    }
    if (request.method !== 'POST' || request.url !== '/v3/envelopes') {
      return { status: 404, body: '{}' };
    }
    const { envelopeTransferChain } = JSON.parse(text) as { envelopeTransferChain: string[] };
    const checksum = signedContentChecksum(envelopeTransferChain.at(-1) ?? '');
    // Taken here and now: from this moment the document is ours, whatever the sender hears.
    if (!this.accepted.includes(checksum)) this.accepted.push(checksum);
    await this.released;
    const signed = await signEnvelopeResponse(
      receivedResponse(checksum, []),
      await importSigningKey(this.keys.privateKey),
    );
    return { status: 200, body: JSON.stringify(signed) };
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
