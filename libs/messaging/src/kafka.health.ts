import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Admin, Kafka } from 'kafkajs';

/** Kafka is healthy when a broker answers a metadata request within the timeout. */
@Injectable()
export class KafkaHealthIndicator implements OnApplicationShutdown {
  private readonly admin: Admin;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly health: HealthIndicatorService,
  ) {
    this.admin = kafka.admin({ retry: { retries: 0 } });
  }

  async check(key = 'kafka', timeoutMs = 3000): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      this.connected ??= this.admin.connect();
      await withTimeout(this.connected, timeoutMs);
      const cluster = await withTimeout(this.admin.describeCluster(), timeoutMs);
      return indicator.up({ brokers: cluster.brokers.length });
    } catch (error) {
      this.connected = undefined;
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
