import { type Server, createServer } from 'node:http';
import { FRAMEWORK_PORT } from './dcsa-framework';

/**
 * Where our platform reaches a sandbox's synthetic counterpart. The framework accepts only
 * calls that carry its sandbox key header (dcsa-conformance-api-key); our platform
 * authenticates with its own signed bearer token, as DCSA leaves authentication to the
 * parties. This relay stands where a counterpart's API gateway would: it adds the sandbox's
 * key and passes everything else through unchanged, so the framework judges exactly what
 * our platform sent.
 */
export interface SandboxRelay {
  /** The URL our directory registers for a sandbox party (its sandboxUrl, through the relay). */
  urlFor(sandboxUrl: string): string;
  /** The key header of each sandbox, by sandbox id. */
  allow(sandboxId: string, headerName: string, headerValue: string): void;
  /**
   * Answers 204 itself to calls for a sandbox ending in `pathSuffix`: messages our platform
   * owes a counterpart for a step this sandbox does not play (the ISS answer for an eBL our
   * test issued as the carrier whose surrenders the framework handles).
   */
  absorb(sandboxId: string, pathSuffix: string): void;
  /**
   * The body of the last `POST …/envelopes` our platform sent to a sandbox, as sent: what a
   * scenario's retry resends or re-signs (test/conformance/pint-scripted-sender.ts).
   */
  lastEnvelope(sandboxId: string): unknown;
  close(): Promise<void>;
}

export async function startSandboxRelay(): Promise<SandboxRelay> {
  const keys = new Map<string, [string, string]>();
  const absorbed = new Map<string, string[]>();
  const envelopes = new Map<string, unknown>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const sandboxId = /^\/conformance\/sandbox\/([^/]+)\//.exec(path)?.[1];
      const key = sandboxId === undefined ? undefined : keys.get(sandboxId);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) {
          headers[name] = value;
        }
      }
      if (key !== undefined) headers[key[0]] = key[1];
      const suffixes = sandboxId === undefined ? [] : (absorbed.get(sandboxId) ?? []);
      if (suffixes.some((suffix) => path.endsWith(suffix))) {
        response.writeHead(204);
        response.end();
        return;
      }
      const body = Buffer.concat(chunks);
      if (sandboxId !== undefined && request.method === 'POST' && /\/envelopes\/?$/.test(path)) {
        envelopes.set(sandboxId, JSON.parse(body.toString('utf8')) as unknown);
      }
      fetch(`http://localhost:${FRAMEWORK_PORT}${path}`, {
        method: request.method,
        headers,
        ...(body.length > 0 ? { body } : {}),
      })
        .then(async (answer) => {
          const contentType = answer.headers.get('content-type');
          const apiVersion = answer.headers.get('api-version');
          response.writeHead(answer.status, {
            ...(contentType === null ? {} : { 'content-type': contentType }),
            ...(apiVersion === null ? {} : { 'api-version': apiVersion }),
          });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((error: unknown) => {
          response.writeHead(502, { 'content-type': 'text/plain' });
          response.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    urlFor: (sandboxUrl) => sandboxUrl.replace(/^http:\/\/localhost:\d+/, base),
    allow: (sandboxId, headerName, headerValue) => keys.set(sandboxId, [headerName, headerValue]),
    absorb: (sandboxId, pathSuffix) =>
      absorbed.set(sandboxId, [...(absorbed.get(sandboxId) ?? []), pathSuffix]),
    lastEnvelope: (sandboxId) => envelopes.get(sandboxId),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
