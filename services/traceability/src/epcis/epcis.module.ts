import { Module } from '@nestjs/common';
import { AuthModule, RateLimitModule } from '@pujiang/auth';
import { EarlyAnswer } from '@pujiang/http';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { AnchorCommittedConsumer } from './anchoring/anchor-committed.consumer';
import { AnchorProofs } from './anchoring/anchor-proofs.service';
import { AnchoringLatency } from './anchoring/anchoring-latency';
import { AttestationController } from './attestation/attestation.controller';
import { DevicesController } from './attestation/devices.controller';
import { DeviceRegistryFollower } from './attestation/device-registry-follower';
import { DeviceRegistryStore } from './attestation/device-registry.store';
import { ReadingAttestations } from './attestation/reading-attestations';
import { ProofChecks } from './anchoring/proof-checks';
import { XmlBodies } from './document-formats/xml-bodies';
import { BindingController } from './binding/binding.controller';
import { VOCABULARY_CONTROLLERS } from './binding/resource-controllers';
import { VocabularyListing } from './binding/vocabulary-listing';
import { CaptureJobs } from './capture/capture-jobs';
import { CaptureController } from './capture/capture.controller';
import { CaptureService } from './capture/capture.service';
import { DigitalLinkController } from './consumer-page/digital-link.controller';
import { ConsumerPageChanges } from './consumer-page/consumer-page-changes';
import { ProvenancePages } from './consumer-page/provenance-pages';
import { PublishedProofs } from './consumer-page/published-proofs';
import { ScansBeforeNest } from './consumer-page/scans-before-nest';
import { MasterDataController } from './master-data/master-data.controller';
import { MasterDataService } from './master-data/master-data.service';
import { EpcisAnswers } from './document-formats/epcis-answers';
import { MasterDataStore } from './master-data/master-data.store';
import { EpcisVocabulary } from './events/epcis-vocabulary';
import { EventQueryRepository } from './events/event-query.repository';
import { EventStore } from './events/event-store';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { AccessGrantFollower } from './sharing/access-grant-follower';
import { AccessGrantStore } from './sharing/access-grant.store';
import { GrantingParties } from './sharing/granting-parties';
import { GrantsController } from './sharing/grants.controller';
import { GrantsService } from './sharing/grants.service';
import { TraceController } from './trace/trace.controller';
import { TraceService } from './trace/trace.service';

/**
 * The EPCIS 2.0 repository: capture, query, anchoring proofs, trace and
 * recall, each as the caller may see it, and the grants that decide that.
 */
@Module({
  imports: [AuthModule, RateLimitModule, LedgerClientModule],
  controllers: [
    CaptureController,
    EventsController,
    TraceController,
    DigitalLinkController,
    GrantsController,
    BindingController,
    ...VOCABULARY_CONTROLLERS,
    AttestationController,
    DevicesController,
    MasterDataController,
    AnchorCommittedConsumer,
  ],
  providers: [
    XmlBodies,
    ProvenancePages,
    ConsumerPageChanges,
    ScansBeforeNest,
    { provide: EarlyAnswer, useExisting: ScansBeforeNest },
    PublishedProofs,
    EpcisVocabulary,
    EventStore,
    CaptureService,
    CaptureJobs,
    VocabularyListing,
    EventQueryRepository,
    EventsService,
    AnchorProofs,
    ProofChecks,
    AnchoringLatency,
    TraceService,
    AccessGrantStore,
    AccessGrantFollower,
    GrantingParties,
    GrantsService,
    DeviceRegistryStore,
    DeviceRegistryFollower,
    ReadingAttestations,
    MasterDataStore,
    MasterDataService,
    EpcisAnswers,
  ],
  exports: [EpcisVocabulary, EventsService, EventQueryRepository, EpcisAnswers],
})
export class EpcisModule {}
