import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnchorCommittedConsumer } from './anchor-committed.consumer';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';
import { TraceRecord } from './trace-record.entity';

@Module({
  imports: [TypeOrmModule.forFeature([TraceRecord])],
  controllers: [RecordsController],
  providers: [RecordsService, AnchorCommittedConsumer],
})
export class RecordsModule {}
