import { Module } from '@nestjs/common';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { AnchorCommittedConsumer } from './anchoring/anchor-committed.consumer';
import { AnchorProofs } from './anchoring/anchor-proofs.service';
import { CaptureController } from './capture/capture.controller';
import { CaptureService } from './capture/capture.service';
import { DigitalLinkController } from './consumer-page/digital-link.controller';
import { ProvenancePages } from './consumer-page/provenance-pages';
import { EpcisVocabulary } from './events/epcis-vocabulary';
import { EventQueryRepository } from './events/event-query.repository';
import { EventStore } from './events/event-store';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { TraceController } from './trace/trace.controller';
import { TraceService } from './trace/trace.service';

/** The EPCIS 2.0 repository: capture, query, anchoring proofs, trace and recall. */
@Module({
  imports: [LedgerClientModule],
  controllers: [CaptureController, EventsController, TraceController, DigitalLinkController],
  providers: [
    ProvenancePages,
    EpcisVocabulary,
    EventStore,
    CaptureService,
    EventQueryRepository,
    EventsService,
    AnchorProofs,
    AnchorCommittedConsumer,
    TraceService,
  ],
  exports: [EpcisVocabulary, EventsService],
})
export class EpcisModule {}
