import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AnchorCommittedV1, AnchorRequestedV1, EventType, Topic } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { Outbox, createCloudEvent } from '@pujiang/messaging';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { CaptureRecordDto } from './capture-record.dto';
import { captureRecord, confirmsRecord } from './domain/trace-record';
import { RecordView, toRecordView } from './record.view';
import { TraceRecord } from './trace-record.entity';

@Injectable()
export class RecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(TraceRecord) private readonly records: Repository<TraceRecord>,
    private readonly outbox: Outbox,
  ) {}

  /** Stores the record and its anchor request in one transaction: both or neither. */
  async capture(dto: CaptureRecordDto): Promise<RecordView> {
    const record = captureRecord(randomUUID(), dto.kind, dto.payload, new Date());
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = manager.create(TraceRecord, { ...record, anchorStatus: 'pending' });
      await manager.save(row);
      const request: AnchorRequestedV1 = { itemId: record.id, digest: record.digest };
      await this.outbox.enqueue(manager, {
        topic: Topic.anchorRequested,
        key: record.id,
        event: createCloudEvent({
          id: `anchor-requested:${record.id}`,
          source: '/pujiang/traceability',
          type: EventType.anchorRequested,
          subject: record.id,
          data: request,
        }),
      });
      return row;
    });
    return toRecordView(saved);
  }

  async find(id: string): Promise<RecordView> {
    const record = await this.records.findOneBy({ id });
    if (record === null) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `No record ${id}`);
    }
    return toRecordView(record);
  }

  /** Marks the batch's records anchored; items of other contexts are not in this table. */
  async applyAnchor(committed: AnchorCommittedV1, manager: EntityManager): Promise<void> {
    for (const item of committed.items) {
      const record = await manager.findOneBy(TraceRecord, { id: item.itemId });
      if (record === null || !confirmsRecord(record, item)) continue;
      await manager.update(
        TraceRecord,
        { id: record.id },
        {
          anchorStatus: 'anchored',
          batchId: committed.batchId,
          txId: committed.txId,
          blockNumber: String(committed.blockNumber),
          anchoredAt: new Date(committed.anchoredAt),
        },
      );
    }
  }
}
