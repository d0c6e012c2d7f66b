import { Module } from '@nestjs/common';
import { AuthModule } from '@pujiang/auth';
import { IdempotencyModule } from '@pujiang/idempotency';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { DeliveryDispatcher } from './delivery/delivery-dispatcher';
import { Deliveries } from './delivery/deliveries';
import { HttpDelivery } from './delivery/http-delivery';
import { IssuanceController } from './issuance/issuance.controller';
import { IssuanceService } from './issuance/issuance.service';
import { EnvelopesController } from './pint/envelopes.controller';
import { PintReceiver } from './pint/pint-receiver.service';
import { PintSender } from './pint/pint-sender.service';
import { PintTransfersController } from './pint/pint-transfers.controller';
import { ReceiverValidation } from './pint/receiver-validation.service';
import { AdditionalDocumentStore } from './transport-documents/additional-document.store';
import { SupportingDocuments } from './transport-documents/supporting-documents.service';
import { SupportingDocumentsController } from './transport-documents/supporting-documents.controller';
import { ReceiverValidationController } from './pint/receiver-validation.controller';
import { CounterpartGuard } from './platform/counterpart.guard';
import { CounterpartToken } from './platform/counterpart-token';
import { EblPlatform } from './platform/ebl-platform';
import { SurrenderAnswers } from './surrender/surrender-answers.service';
import { SurrenderResponsesController } from './surrender/surrender-responses.controller';
import { CarrierDocumentsController } from './surrender/carrier-documents.controller';
import { EblLedger } from './transport-documents/ebl-ledger';
import { LedgerFollower } from './transport-documents/ledger-follower';
import { TransportDocumentActions } from './transport-documents/transport-document-actions.service';
import { TransportDocumentStore } from './transport-documents/transport-document.store';
import { TransportDocumentsController } from './transport-documents/transport-documents.controller';
import { VerificationController } from './verification/verification.controller';
import { EblMetrics } from './platform/ebl.metrics';

@Module({
  imports: [AuthModule, IdempotencyModule, LedgerClientModule],
  controllers: [
    IssuanceController,
    TransportDocumentsController,
    SurrenderResponsesController,
    CarrierDocumentsController,
    PintTransfersController,
    ReceiverValidationController,
    SupportingDocumentsController,
    EnvelopesController,
    VerificationController,
  ],
  providers: [
    EblPlatform,
    EblMetrics,
    EblLedger,
    TransportDocumentStore,
    TransportDocumentActions,
    LedgerFollower,
    Deliveries,
    DeliveryDispatcher,
    HttpDelivery,
    CounterpartToken,
    CounterpartGuard,
    IssuanceService,
    SurrenderAnswers,
    PintSender,
    ReceiverValidation,
    AdditionalDocumentStore,
    SupportingDocuments,
    PintReceiver,
  ],
})
export class EblModule {}
