import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedCall {
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/**
 * A carrier's own system as the eBL platform sees it from outside: it takes
 * issuance responses and surrender requests (204) and keeps them for the
 * test to read. The carrier is a counterpart outside Pujiang, so the tests
 * stand in for it here and nowhere else.
 */
export class CarrierSystem {
  readonly calls: ReceivedCall[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void readBody(request).then((text) => {
        this.calls.push({
          path: request.url ?? '',
          authorization: request.headers.authorization,
          body: text.length > 0 ? (JSON.parse(text) as unknown) : undefined,
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  received(path: string): ReceivedCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
