import { LedgerConflictError, LedgerRefusalError, problemFromLedger } from '@pujiang/ledger-client';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EblAction, EblRecord, EblStatus, exportAnswerDetail } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { DataSource } from 'typeorm';
import { Deliveries } from '../delivery/deliveries';
import { DeliveryDispatcher, DeliveryOutcome } from '../delivery/delivery-dispatcher';
import { CounterpartToken } from '../platform/counterpart-token';
import { Party } from '../platform/directory';
import { EblPlatform } from '../platform/ebl-platform';
import { encodeBase64Content, importSigningKey, importVerificationKey } from '../signing';
import { dcsaPartyDescriber } from '../transport-documents/dcsa-party';
import { EblLedger } from '../transport-documents/ebl-ledger';
import { TransportDocumentStore } from '../transport-documents/transport-document.store';
import { EblEnvelope, EnvelopeResponseCode, TransportDocument } from './domain/pint-types';
import { buildEnvelope } from './domain/envelope';
import { verifyEnvelopeResponse } from './domain/envelope-response';
import { QueuedEnvelope, judgeQueuedEnvelope } from './domain/export-binding';
import { outgoingTransactions } from './pint-transactions';
import { PintTransferDto } from './pint-transfer.dto';
import { ReceiverValidation } from './receiver-validation.service';
import { AdditionalDocumentStore } from '../transport-documents/additional-document.store';
import { manifestDocuments } from './domain/additional-documents';

export const PINT_DELIVERY = 'pint-transfer';

interface PintPayload extends QueuedEnvelope, Record<string, unknown> {
  envelope: EblEnvelope;
}

/**
 * Sends eBLs to other platforms (DCSA PINT 3.0, sending side). The envelope
 * is signed once and stored with the delivery before the ledger locks the
 * document, so every retry sends the very same envelope and a receiver that
 * already took it answers DUPE, never a second copy. EXPORT binds the record
 * to that one envelope (its last chain entry's checksum): an envelope the
 * ledger did not bind is withdrawn, and never sent (judgeQueuedEnvelope).
 * The eBL's additional documents (the carrier's visualisation, the holders'
 * supporting documents) are announced in the manifest and each sent after the
 * envelope, as the receiver asks for them, before the transfer is finished.
 * Control leaves this platform only when the receiver's signed answer to the
 * bound envelope is RECE or DUPE.
 */
@Injectable()
export class PintSender implements OnModuleInit {
  readonly kind = PINT_DELIVERY;
  private readonly logger = new Logger(PintSender.name);

  constructor(
    private readonly ledger: EblLedger,
    private readonly store: TransportDocumentStore,
    private readonly deliveries: Deliveries,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly token: CounterpartToken,
    private readonly platform: EblPlatform,
    private readonly receiverValidation: ReceiverValidation,
    private readonly documents: AdditionalDocumentStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(this);
  }

  async start(actor: Party, reference: string, request: PintTransferDto): Promise<EblRecord> {
    const receiver = this.platform.platform(request.receivingPlatform);
    if (receiver === undefined) {
      throw new ProblemException(
        422,
        `platform ${request.receivingPlatform} is not one we exchange eBLs with`,
      );
    }
    const [code] = request.recipient.identifyingCodes;
    if (code !== undefined)
      await this.receiverValidation.partyName(request.receivingPlatform, code);
    const doc = await this.store.find(this.dataSource.manager, reference);
    if (doc?.record == null || doc.record.holder !== actor.ledgerParty) {
      throw new ProblemException(404, `no transport document ${reference} held by this party`);
    }
    const recipient = { ...request.recipient, eblPlatform: request.receivingPlatform };
    // The eBL travels with every document it has here: the carrier's visualisation and the
    // holders' supporting documents, each sent after the envelope (PINT additional documents).
    const documents = manifestDocuments(
      await this.documents.list(this.dataSource.manager, reference),
    );
    const outgoing = await buildEnvelope({
      ...documents,
      // Stored only after validation against DCSA's schema (issuance or PINT).
      transportDocument: doc.document as unknown as TransportDocument,
      previousChain: doc.envelopeTransferChain,
      ...(doc.issuanceManifestSignedContent === null
        ? {}
        : { issuanceManifestSignedContent: doc.issuanceManifestSignedContent }),
      transactions: outgoingTransactions(doc.record, dcsaPartyDescriber(this.platform), {
        actionCode: request.actionCode ?? 'TRANSFER',
        actor: dcsaPartyDescriber(this.platform)(actor.ledgerParty),
        recipient,
        actionDateTime: new Date().toISOString(),
      }),
      sendingPlatform: this.platform.code,
      signingKey: await importSigningKey(this.platform.signingKey),
    });
    const payload: PintPayload = {
      reference,
      receivingPlatform: request.receivingPlatform,
      envelope: outgoing.envelope,
      lastEntryChecksum: outgoing.lastEntryChecksum,
      queuedAt: new Date().toISOString(),
    };
    const delivery = await this.dataSource.transaction((manager) =>
      this.deliveries.enqueue(manager, { kind: PINT_DELIVERY, payload }),
    );
    let record: EblRecord;
    try {
      ({ record } = await this.ledger.act(
        actor,
        reference,
        EblAction.startExport,
        JSON.stringify(recipient),
        outgoing.lastEntryChecksum,
      ));
    } catch (error) {
      // Not committed, for certain: this envelope will never be the export's. Otherwise
      // (outcome unknown) it stays queued and the ledger's binding decides.
      if (error instanceof LedgerRefusalError || error instanceof LedgerConflictError) {
        await this.deliveries.withdraw(
          this.dataSource.manager,
          delivery,
          `EXPORT refused: ${error.message.slice(0, 300)}`,
        );
      }
      throw problemFromLedger(error);
    }
    await this.store.applyRecord(this.dataSource.manager, record);
    return record;
  }

  /**
   * The holder will not wait out the back-off of a transfer that has no final answer yet
   * (the receiver was unreachable or failed): the very same envelope is sent again now, and
   * a receiver that already took it answers DUPE.
   */
  async retryNow(
    actor: Party,
    reference: string,
  ): Promise<{ record: EblRecord; attempts: number }> {
    const doc = await this.store.find(this.dataSource.manager, reference);
    if (doc?.record == null || doc.record.holder !== actor.ledgerParty) {
      throw new ProblemException(404, `no transport document ${reference} held by this party`);
    }
    const waiting =
      doc.record.status === EblStatus.exportPending
        ? await this.deliveries.hurry(this.dataSource.manager, PINT_DELIVERY, reference)
        : [];
    const [delivery] = waiting;
    if (delivery === undefined) {
      throw new ProblemException(
        409,
        `no transfer of ${reference} to another platform is waiting for an answer`,
      );
    }
    return { record: doc.record, attempts: delivery.attempts };
  }

  async deliver(raw: Record<string, unknown>): Promise<DeliveryOutcome> {
    const payload = raw as PintPayload;
    const verdict = judgeQueuedEnvelope(
      await this.ledger.read(payload.reference),
      payload,
      Date.now(),
    );
    if (verdict === 'wait') return 'retry';
    if (verdict !== 'send') return { refused: verdict.drop };
    const receiver = this.platform.platform(payload.receivingPlatform);
    if (receiver === undefined)
      return { refused: `platform ${payload.receivingPlatform} left the directory` };
    const code = await this.transfer(receiver.endpoint, payload);
    if (code === undefined) return 'retry';
    const accepted = code === 'RECE' || code === 'DUPE';
    if (!accepted && (code === 'INCD' || code === 'MDOC')) return 'retry';
    const change = await this.ledger.actAsPlatform(
      payload.reference,
      accepted ? EblAction.completeExport : EblAction.cancelExport,
      exportAnswerDetail(payload.lastEntryChecksum, accepted ? undefined : code),
    );
    await this.store.applyRecord(this.dataSource.manager, change.record);
    this.logger.log({ reference: payload.reference, code }, 'PINT transfer answered');
    return 'delivered';
  }

  /** The receiver's verified response code, or undefined to try again later. */
  private async transfer(
    endpoint: string,
    payload: PintPayload,
  ): Promise<EnvelopeResponseCode | undefined> {
    const started = await this.call('POST', `${endpoint}/v3/envelopes`, payload);
    if (started === undefined) return undefined;
    let answer = started;
    if (started.status === 201) {
      const opened = started.body as {
        envelopeReference: string;
        missingAdditionalDocumentChecksums?: string[];
      };
      const envelope = `${endpoint}/v3/envelopes/${encodeURIComponent(opened.envelopeReference)}`;
      for (const checksum of opened.missingAdditionalDocumentChecksums ?? []) {
        const sent = await this.sendDocument(envelope, payload, checksum.toLowerCase());
        // Not taken (unreachable, or INCD): the whole transfer is tried again later; the
        // receiver then asks only for what it still misses.
        if (!sent) return undefined;
      }
      const finished = await this.call('PUT', `${envelope}/finish-transfer`, payload);
      if (finished === undefined) return undefined;
      answer = finished;
    }
    if (typeof answer.body !== 'string') return undefined;
    const receiverKey = this.platform.platformKey(payload.receivingPlatform);
    if (receiverKey === undefined) return undefined;
    const response = await verifyEnvelopeResponse(
      answer.body,
      await importVerificationKey(receiverKey),
    );
    if (
      response.lastEnvelopeTransferChainEntrySignedContentChecksum !== payload.lastEntryChecksum
    ) {
      this.logger.warn({ reference: payload.reference }, 'PINT answer is about another transfer');
      return undefined;
    }
    return response.responseCode;
  }

  /** An announced document, as PINT sends it: its bytes in Base64, a JSON string. */
  private async sendDocument(
    envelopeUrl: string,
    payload: PintPayload,
    checksum: string,
  ): Promise<boolean> {
    const content = await this.documents.content(
      this.dataSource.manager,
      payload.reference,
      checksum,
    );
    if (content === undefined) {
      this.logger.warn(
        { reference: payload.reference, checksum },
        'PINT receiver asks for a document not sent',
      );
      return false;
    }
    const put = await this.call(
      'PUT',
      `${envelopeUrl}/additional-documents/${checksum}`,
      payload,
      encodeBase64Content(content),
    );
    return put?.status === 204;
  }

  private async call(
    method: 'POST' | 'PUT',
    url: string,
    payload: PintPayload,
    body: unknown = method === 'POST' ? payload.envelope : undefined,
  ): Promise<{ status: number; body: unknown } | undefined> {
    const response = await fetch(url, {
      method,
      // finish-transfer has no body, so it must not claim a JSON one.
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        authorization: `Bearer ${await this.token.sign(payload.receivingPlatform)}`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status >= 500 || response.status === 429 || response.status === 401)
      return undefined;
    const text = await response.text();
    return {
      status: response.status,
      body: text.length > 0 ? (JSON.parse(text) as unknown) : undefined,
    };
  }
}
