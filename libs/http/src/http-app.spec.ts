import { Body, Controller, Get, Module, Param, Post, Req } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyRequest } from 'fastify';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createHttpApp } from './http-app';
import { LoggingModule } from './logging.module';

class LineDto {
  @IsString()
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

class OrderDto {
  @IsString()
  buyer!: string;

  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];
}

@Controller('orders')
class OrdersController {
  @Post()
  create(@Body() order: OrderDto) {
    return { lines: order.lines.length };
  }

  @Get(':orderId')
  one(@Param('orderId') orderId: string) {
    return { orderId };
  }

  @Get('boom')
  boom() {
    throw new Error('database password is hunter2');
  }

  @Get('database-down')
  databaseDown() {
    // What TypeORM throws when PostgreSQL is restarting (SQLSTATE 57P03).
    throw Object.assign(new Error('query failed'), {
      driverError: Object.assign(new Error('the database system is starting up'), {
        code: '57P03',
      }),
    });
  }
}

@Module({ imports: [LoggingModule], controllers: [OrdersController] })
class OrdersModule {}

const BODY_LIMIT = 256 * 1024;

describe('createHttpApp', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    app = await createHttpApp(OrdersModule, { bodyLimit: BODY_LIMIT });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const post = (payload: string, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url: '/orders',
      payload,
      headers: { 'content-type': contentType },
    });

  it('accepts a valid body', async () => {
    const res = await post(JSON.stringify({ buyer: 'b', lines: [{ sku: 'x', quantity: 1 }] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ lines: 1 });
  });

  it('points at each invalid field with a JSON Pointer', async () => {
    const res = await post(JSON.stringify({ buyer: 'b', lines: [{ sku: 'x', quantity: 0 }] }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.errors).toEqual([
      { pointer: '/lines/0/quantity', detail: 'quantity must not be less than 1' },
    ]);
    expect(problem.correlationId).toBe(res.headers['x-request-id']);
  });

  it('refuses unknown fields instead of dropping them', async () => {
    const res = await post(JSON.stringify({ buyer: 'b', lines: [], admin: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { pointer: '/admin', detail: 'property admin should not exist' },
    ]);
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"order"'],
    ['null', 'null'],
  ])('refuses %s where an object is expected', async (_case, body) => {
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers broken JSON with a 400 problem', async () => {
    const res = await post('{"buyer":');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['a NUL character', '{"buyer":"a\\u0000b","lines":[]}'],
    ['a lone high surrogate', '{"buyer":"\\ud800","lines":[]}'],
    ['a lone low surrogate in a key', '{"\\udc00":1}'],
    ['a NUL under deep nesting', `{"buyer":${'['.repeat(50_000)}"\\u0000"${']'.repeat(50_000)}}`],
  ])('refuses text PostgreSQL cannot store (%s) with a 400 problem', async (_case, body) => {
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, detail: expect.stringMatching(/NUL/) });
  });

  it('refuses bytes that are not UTF-8 instead of storing replacement characters', async () => {
    const body = Buffer.concat([
      Buffer.from('{"buyer":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('","lines":[]}'),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, detail: 'the body is not valid UTF-8' });
  });

  it('keeps escapes that only look alike and paired surrogates', async () => {
    const res = await post(JSON.stringify({ buyer: '\\u0000 😀', lines: [] }));
    expect(res.statusCode).toBe(201);
  });

  it('refuses prototype poisoning', async () => {
    const res = await post('{"buyer":"b","lines":[],"__proto__":{"admin":true}}');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a NUL in the URL and an over-long path segment with problems', async () => {
    const nul = await app.inject({ method: 'GET', url: '/orders/boom%00' });
    const fine = await app.inject({ method: 'GET', url: `/orders/${'x'.repeat(2000)}` });
    const long = await app.inject({ method: 'GET', url: `/orders/${'x'.repeat(3000)}` });
    expect(fine.statusCode).toBe(200);
    expect(nul.statusCode).toBe(400);
    expect(nul.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a body over the limit with 413 before parsing it', async () => {
    const res = await post(JSON.stringify({ buyer: 'x'.repeat(BODY_LIMIT), lines: [] }));
    expect(res.statusCode).toBe(413);
    expect(res.json().title).toBe('Payload Too Large');
  });

  it('refuses a media type it does not read with 415', async () => {
    const res = await post('buyer=b', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('hides server error details but keeps the correlation id', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/orders/boom',
      headers: { 'x-request-id': 'req-42' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.json()).toMatchObject({ status: 500, correlationId: 'req-42' });
  });

  it('answers 503, not 500, when the database is down or restarting', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders/database-down' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/retry later/) });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

@Controller('whoami')
class ClientController {
  @Get()
  address(@Req() request: FastifyRequest) {
    return { ip: request.ip };
  }
}

@Module({ imports: [LoggingModule], controllers: [ClientController] })
class ClientModule {}

describe('the client address', () => {
  const ipSeen = async (trustedProxies: string[] | undefined, remoteAddress: string) => {
    const app = await createHttpApp(ClientModule, { bodyLimit: 1024, trustedProxies });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const res = await app.inject({
      method: 'GET',
      url: '/whoami',
      remoteAddress,
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    await app.close();
    return res.json<{ ip: string }>().ip;
  };

  it('is the TCP peer by default, whatever X-Forwarded-For says', async () => {
    await expect(ipSeen(undefined, '10.1.2.3')).resolves.toBe('10.1.2.3');
  });

  it('is the one X-Forwarded-For names only when a trusted proxy says it', async () => {
    await expect(ipSeen(['10.0.0.0/8'], '10.1.2.3')).resolves.toBe('203.0.113.7');
    await expect(ipSeen(['10.0.0.0/8'], '198.51.100.1')).resolves.toBe('198.51.100.1');
  });
});
