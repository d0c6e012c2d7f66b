import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  HttpCode,
  Injectable,
  Post,
  UseGuards,
} from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Principal } from '@pujiang/auth';
import { ProblemDetailsFilter, ProblemException, describeApi } from '@pujiang/http';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { Idempotent } from './idempotent.decorator';
import { IdempotentRequests, KeyedRequest, Reservation } from './idempotent-requests';

/** The store's contract in memory: the int-spec holds PostgreSQL to the same. */
class KeysInMemory {
  readonly rows = new Map<
    string,
    { fingerprint: string; attempt: string; answer?: [number, string | null] }
  >();
  private attempts = 0;

  reserve(request: KeyedRequest): Promise<Reservation> {
    const id = `${request.caller} ${request.route} ${request.key}`;
    const row = this.rows.get(id);
    if (row === undefined) {
      const attempt = String(++this.attempts);
      this.rows.set(id, { fingerprint: request.fingerprint, attempt });
      return Promise.resolve({ outcome: 'run', attempt });
    }
    if (row.fingerprint !== request.fingerprint)
      return Promise.resolve({ outcome: 'other-request' });
    if (row.answer === undefined) return Promise.resolve({ outcome: 'in-flight' });
    const [statusCode, body] = row.answer;
    return Promise.resolve({ outcome: 'replay', statusCode, body });
  }

  complete(request: KeyedRequest, attempt: string, status: number, body: string | null) {
    const row = this.rows.get(`${request.caller} ${request.route} ${request.key}`);
    if (row?.attempt === attempt) row.answer = [status, body];
    return Promise.resolve();
  }

  release(request: KeyedRequest, attempt: string) {
    const id = `${request.caller} ${request.route} ${request.key}`;
    if (this.rows.get(id)?.attempt === attempt) this.rows.delete(id);
    return Promise.resolve();
  }
}

/** Stands in for BearerAuthGuard: the party named in a header. */
@Injectable()
class PartyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string>;
      principal?: Principal;
    }>();
    request.principal = {
      party: request.headers['x-party'] ?? '',
      organisation: 'Org1MSP',
      roles: [],
    };
    return true;
  }
}

let filed = 0;
let release: (() => void) | undefined;

@Controller('notices')
@UseGuards(PartyGuard)
class NoticesController {
  @Post()
  @Idempotent()
  async file(@Body() body: { amount: string; slow?: boolean; fail?: boolean }) {
    if (body.slow) await new Promise<void>((resolve) => (release = resolve));
    if (body.fail) throw new ProblemException(503, 'the ledger is unavailable');
    filed += 1;
    return { noticeId: `N-${filed}`, amount: body.amount };
  }

  @Post('quiet')
  @HttpCode(204)
  @Idempotent()
  quiet(): void {
    filed += 1;
  }
}

describe('Idempotency-Key on a write', () => {
  let app: NestFastifyApplication;
  const keys = new KeysInMemory();

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      controllers: [NoticesController],
      providers: [IdempotencyInterceptor, { provide: IdempotentRequests, useValue: keys }],
    }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const send = (body: unknown, headers: Record<string, string> = {}, url = '/notices') =>
    app.inject({
      method: 'POST',
      url,
      payload: body as object,
      headers: { 'x-party': 'consignee', ...headers },
    });

  it('runs every request sent without a key', async () => {
    const before = filed;
    await send({ amount: '1' });
    await send({ amount: '1' });
    expect(filed).toBe(before + 2);
  });

  it('answers a retry with the first answer, byte for byte, and runs it once', async () => {
    const before = filed;
    const first = await send({ amount: '2' }, { 'idempotency-key': 'k-retry' });
    const retry = await send({ amount: '2' }, { 'idempotency-key': 'k-retry' });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(filed).toBe(before + 1);
  });

  it('replays an answer without a body with its status', async () => {
    const before = filed;
    const first = await send({}, { 'idempotency-key': 'k-quiet' }, '/notices/quiet');
    const retry = await send({}, { 'idempotency-key': 'k-quiet' }, '/notices/quiet');
    expect([first.statusCode, retry.statusCode]).toEqual([204, 204]);
    expect(retry.body).toBe('');
    expect(filed).toBe(before + 1);
  });

  it('refuses the key with another request: 422 problem, nothing run', async () => {
    await send({ amount: '3' }, { 'idempotency-key': 'k-other' });
    const before = filed;
    const other = await send({ amount: '4' }, { 'idempotency-key': 'k-other' });
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(filed).toBe(before);
  });

  it('keeps each caller’s keys apart', async () => {
    const mine = await send({ amount: '5' }, { 'idempotency-key': 'k-shared' });
    const theirs = await send(
      { amount: '5' },
      { 'idempotency-key': 'k-shared', 'x-party': 'shipper' },
    );
    expect(theirs.statusCode).toBe(201);
    expect(theirs.body).not.toBe(mine.body);
  });

  it('tells a copy that arrives while the first runs to retry (409, Retry-After)', async () => {
    const first = send({ amount: '6', slow: true }, { 'idempotency-key': 'k-slow' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const copy = await send({ amount: '6', slow: true }, { 'idempotency-key': 'k-slow' });
    expect(copy.statusCode).toBe(409);
    expect(copy.headers['retry-after']).toBe('1');
    release?.();
    expect((await first).statusCode).toBe(201);
  });

  it('lets a failed request run again under its key', async () => {
    const failed = await send({ amount: '7', fail: true }, { 'idempotency-key': 'k-fail' });
    expect(failed.statusCode).toBe(503);
    expect(keys.rows.has('party:Org1MSP/consignee POST /notices k-fail')).toBe(false);
  });

  it('refuses a malformed key before running anything', async () => {
    const before = filed;
    const bad = await send({ amount: '8' }, { 'idempotency-key': 'two words' });
    expect(bad.statusCode).toBe(400);
    expect(filed).toBe(before);
  });

  it('documents the header in the OpenAPI document', () => {
    const document = describeApi(app, { title: 't', description: 'd', version: '1' });
    expect(document.paths['/notices']?.post?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    );
  });
});
