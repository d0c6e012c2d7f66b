import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module, Post, UseGuards } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule } from '@pujiang/config';
import { LoggingModule, createHttpApp } from '@pujiang/http';
import { AuthConfig } from '../auth.config';
import { AuthModule } from '../auth.module';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { issueToken } from '../token-issuer';
import { PublicAllowance } from './public-allowance';
import { PublicRoute } from './public-route.decorator';
import { RateLimitConfig } from './rate-limit.config';
import { RateLimitModule } from './rate-limit.module';

const idp = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicKeyFile = join(mkdtempSync(join(tmpdir(), 'rate-limit-')), 'idp.pem');
writeFileSync(publicKeyFile, idp.publicKey.export({ type: 'spki', format: 'pem' }));

@Controller()
class ShopController {
  @Get('page')
  @PublicRoute()
  page() {
    return { page: true };
  }

  @Get('orders')
  @UseGuards(BearerAuthGuard)
  orders() {
    return [];
  }

  @Post('orders')
  @UseGuards(BearerAuthGuard)
  order() {
    return { ordered: true };
  }
}

@Module({
  imports: [
    ConfigModule.forRoot(AuthConfig, RateLimitConfig),
    LoggingModule,
    AuthModule,
    RateLimitModule,
  ],
  controllers: [ShopController],
})
class ShopModule {}

const token = (party: string) =>
  issueToken(idp.privateKey, {
    party,
    organisation: 'Org1MSP',
    roles: [],
    issuer: 'https://idp.test',
    audience: 'pujiang',
    ttl: 60,
  });

describe('RateLimitModule', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    Object.assign(process.env, {
      LOG_LEVEL: 'silent',
      AUTH_JWT_ISSUER: 'https://idp.test',
      AUTH_JWT_AUDIENCE: 'pujiang',
      AUTH_JWT_PUBLIC_KEY_FILE: publicKeyFile,
      RATE_LIMIT_WINDOW_SECONDS: '3600',
      RATE_LIMIT_PUBLIC_REQUESTS: '2',
      RATE_LIMIT_WRITE_REQUESTS: '2',
    });
    app = await createHttpApp(ShopModule, { bodyLimit: 1024 });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const headers = (authorization?: string) => (authorization ? { authorization } : {});
  const get = (url: string, remoteAddress: string, authorization?: string) =>
    app.inject({ method: 'GET', url, remoteAddress, headers: headers(authorization) });
  const post = (remoteAddress: string, authorization?: string) =>
    app.inject({ method: 'POST', url: '/orders', remoteAddress, headers: headers(authorization) });

  it('refuses a client past its limit on a public route with a 429 problem and Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await get('/page', '10.0.0.1'));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 429]);
    const refused = answers[2];
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused?.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(refused?.json()).toMatchObject({ status: 429, detail: expect.stringMatching(/client/) });
    expect((await get('/page', '10.0.0.2')).statusCode).toBe(200);
  });

  it('counts writes per party, whatever the address, and leaves reads alone', async () => {
    const alice = `Bearer ${await token('alice')}`;
    const answers = [
      await post('10.0.1.1', alice),
      await post('10.0.1.2', alice),
      await post('10.0.1.3', alice),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 429]);
    expect(answers[2]?.json()).toMatchObject({ detail: expect.stringMatching(/party/) });
    expect((await get('/orders', '10.0.1.1', alice)).statusCode).toBe(200);
    expect((await post('10.0.1.1', `Bearer ${await token('bob')}`)).statusCode).toBe(201);
  });

  it('counts a write without a valid token against its address, and the route still answers 401', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post('10.0.2.1', 'Bearer forged'));
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 429]);
  });

  it('spends one public allowance per client, whether the guard or PublicAllowance counts a request', async () => {
    const allowance = app.get(PublicAllowance);
    expect(allowance.spend({ ip: '10.0.3.1' })).toBe(true);
    expect((await get('/page', '10.0.3.1')).statusCode).toBe(200);
    expect(allowance.spend({ ip: '10.0.3.1' })).toBe(false);
    expect((await get('/page', '10.0.3.1')).statusCode).toBe(429);
    expect(allowance.spend({ ip: '10.0.3.2' })).toBe(true);
  });
});
