import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

const UNLOGGED = /^\/(health(\/live|\/ready)?|metrics)$/;

/**
 * Structured JSON logs (pino) for the service and every request, keyed by the
 * same correlation id the problem responses carry. Credentials never reach a log.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      useFactory: () => ({
        pinoHttp: {
          level: process.env.LOG_LEVEL ?? 'info',
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
          // Probes and scrapes come every few seconds and say nothing a log needs.
          autoLogging: { ignore: (req) => UNLOGGED.test(req.url ?? '') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
