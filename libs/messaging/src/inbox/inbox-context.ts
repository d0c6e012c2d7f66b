import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

/**
 * What an inbox handler gets besides its events (`@Ctx()`): the transaction
 * that also records the messages as processed. Everything the handler writes
 * goes through this manager, so it commits, or rolls back, with them.
 */
export class InboxContext extends BaseRpcContext<[EntityManager, string]> {
  constructor(manager: EntityManager, topic: string) {
    super([manager, topic]);
  }

  getManager(): EntityManager {
    return this.args[0];
  }

  getTopic(): string {
    return this.args[1];
  }
}
