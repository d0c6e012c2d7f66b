import { AddressInfo } from 'node:net';
import { Server, createServer } from 'node:http';
import { ProblemException } from '@pujiang/http';
import { readAsRequester } from './as-requester';

/** A service that answers every request with this status, type and body. */
async function answering(status: number, type: string, body: string): Promise<Server> {
  const server = createServer((_, res) =>
    res.writeHead(status, { 'content-type': type }).end(body),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('readAsRequester', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  const read = async (status: number, type: string, body: string) => {
    server = await answering(status, type, body);
    const { port } = server.address() as AddressInfo;
    return readAsRequester(`http://127.0.0.1:${port}/claims/x`, 'Bearer t', 'claim x');
  };
  const problem = (promise: Promise<unknown>) =>
    promise.then(
      () => 'answered',
      (error: unknown) =>
        error instanceof ProblemException ? `${error.getStatus()} ${error.message}` : 'other',
    );

  it('returns what the service answered as JSON', async () => {
    await expect(read(200, 'application/json', '{"claim":{}}')).resolves.toEqual({ claim: {} });
  });

  it('answers 503 when a 2xx is not JSON (a proxy’s page), not a 500', async () => {
    await expect(problem(read(200, 'text/html', '<html>maintenance</html>'))).resolves.toBe(
      '503 claim x: its service answered something other than JSON',
    );
  });

  it.each([
    [404, '404 claim x: not found, or not yours to see'],
    [403, '403 claim x: your token may not read it, so it may not bundle it'],
    [500, '503 claim x: its service answered 500'],
  ])('turns a %i into a problem', async (status, expected) => {
    await expect(problem(read(status, 'application/json', '{}'))).resolves.toBe(expected);
  });
});
