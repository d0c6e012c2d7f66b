import { CanActivate, Controller, Get, Injectable, Module, UseGuards } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { EarlyAnswer } from './early-answer';
import { createHttpApp } from './http-app';
import { LoggingModule } from './logging.module';

const seen = { guard: 0, handler: 0 };

class CountingGuard implements CanActivate {
  canActivate(): boolean {
    seen.guard++;
    return true;
  }
}

@Controller('shelf')
class ShelfController {
  @Get(':item')
  @UseGuards(CountingGuard)
  item() {
    seen.handler++;
    return { from: 'nest' };
  }
}

/** Answers `/shelf/kept` itself; leaves everything else to Nest. */
@Injectable()
class KeptItems extends EarlyAnswer {
  answer(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.routeOptions.url !== '/shelf/:item') return false;
    if ((request.params as { item: string }).item !== 'kept') return false;
    void reply.send({ from: 'early' });
    return true;
  }
}

@Module({
  imports: [LoggingModule],
  controllers: [ShelfController],
  providers: [{ provide: EarlyAnswer, useClass: KeptItems }],
})
class ShelfModule {}

describe('EarlyAnswer', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    app = await createHttpApp(ShelfModule, { bodyLimit: 1024 });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('answers before Nest’s guards and handler run, with the correlation id still set', async () => {
    seen.guard = seen.handler = 0;
    const early = await app.inject({ method: 'GET', url: '/shelf/kept' });
    expect(early.statusCode).toBe(200);
    expect(early.json()).toEqual({ from: 'early' });
    expect(early.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toEqual({ guard: 0, handler: 0 });
  });

  it('leaves the request to Nest when it does not answer', async () => {
    seen.guard = seen.handler = 0;
    const late = await app.inject({ method: 'GET', url: '/shelf/other' });
    expect(late.json()).toEqual({ from: 'nest' });
    expect(seen).toEqual({ guard: 1, handler: 1 });
  });

  it('still lets the URL checks refuse first', async () => {
    const refused = await app.inject({ method: 'GET', url: '/shelf/kept%00' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
