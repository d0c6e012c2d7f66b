import { Injectable } from '@nestjs/common';

export interface ConsumedTopic {
  groupId: string;
  topic: string;
  deadLetterTopic: string;
}

/**
 * The consumer groups this service runs and what each reads and parks to:
 * what its lag and dead-letter metrics look at (the ACLs of its Kafka user
 * cover exactly these topics and groups).
 */
@Injectable()
export class ConsumerGroups {
  private readonly consumed = new Map<string, ConsumedTopic>();

  add(consumed: ConsumedTopic): void {
    this.consumed.set(`${consumed.groupId}\u0000${consumed.topic}`, { ...consumed });
  }

  list(): ConsumedTopic[] {
    return [...this.consumed.values()];
  }
}
