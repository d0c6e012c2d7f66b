import { KeyObject, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EblRecord, LedgerErrorCode } from '@pujiang/contracts';
import { Sha256Hex, signedContentChecksum } from '@pujiang/dcsa';
import { ProblemException } from '@pujiang/http';
import { LedgerRefusalError, problemFromLedger } from '@pujiang/ledger-client';
import { DataSource, EntityManager } from 'typeorm';
import { EblConfig } from '../platform/ebl.config';
import { EblPlatform } from '../platform/ebl-platform';
import {
  SigningKey,
  VerificationKey,
  decodeBase64Content,
  readUnverifiedJws,
  importSigningKey,
  importVerificationKey,
} from '../signing';
import { EblLedger } from '../transport-documents/ebl-ledger';
import { TransportDocumentStore } from '../transport-documents/transport-document.store';
import { AdditionalDocumentStore } from '../transport-documents/additional-document.store';
import { readIssuanceManifest } from '../issuance/domain/issuance-manifest';
import {
  finishTransfer,
  findAnnouncedDocument,
  verifyAdditionalDocument,
} from './domain/additional-documents';
import { signEnvelopeResponse } from './domain/envelope-response';
import { AcceptedEnvelope, postedByAnother, verifyEnvelope } from './domain/envelope-verification';
import {
  EnvelopeTransferChainEntry,
  EnvelopeTransferFinishedResponse,
  SignedContent,
} from './domain/pint-types';
import { IncomingTransfer, IncomingTransferStore } from './incoming-transfer.store';

/** What the controller sends back: a status and a JSON body (a signed JWS string, or the 201 body). */
export interface ReceiverAnswer {
  status: number;
  body?: unknown;
}

/**
 * Receives eBLs from other platforms (DCSA PINT 3.0). An envelope is
 * verified whole (every signature and link of its chain) before anything is
 * stored; it is accepted only when every announced document has arrived,
 * and then the ledger records the import under this platform's operator
 * identity before RECE is signed. A replay of an accepted transfer gets DUPE.
 * Only the platform that signed the envelope may post it and go on with its
 * transfer, and an open transfer expires (EBL_PINT_ENVELOPE_LIFETIME_SECONDS).
 */
@Injectable()
export class PintReceiver {
  private signingKey?: Promise<SigningKey>;
  private keyRing?: Promise<KeyRing>;
  private readonly transfers: IncomingTransferStore;

  constructor(
    private readonly ledger: EblLedger,
    private readonly store: TransportDocumentStore,
    private readonly platform: EblPlatform,
    private readonly config: EblConfig,
    private readonly documents: AdditionalDocumentStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.transfers = new IncomingTransferStore(dataSource.manager);
  }

  /** `caller`: the platform whose counterpart token authenticated the request. */
  async receive(caller: string, body: unknown): Promise<ReceiverAnswer> {
    const notSender = postedByAnother(body, caller);
    if (notSender !== undefined) throw new ProblemException(403, notSender);
    this.keyRing ??= keyRingOf(this.platform);
    const keys = await this.keyRing;
    const verdict = await verifyEnvelope(body, {
      receivingPlatform: this.platform.code,
      receivedAt: new Date(),
      maxTransferAgeMs: this.config.EBL_PINT_MAX_TRANSFER_AGE_SECONDS * 1000,
      platformKeys: (code) => keys.platforms.get(code),
      carrierKeys: (code) => keys.carriers.get(code),
      isAcceptedBefore: async (checksum) =>
        (await this.transfers.findAccepted(checksum)) !== undefined,
      isImportedBefore: async (reference, sender, checksum) =>
        (await this.ledger.read(reference))?.chain.some(
          (entry) => entry.action === 'IMPORT' && entry.externalSender === `${sender}:${checksum}`,
        ) === true,
      isKnownRecipient: (party) =>
        this.platform.parties.partyIdentifiedBy(party.identifyingCodes) !== undefined,
      knownChainEntryChecksums: (checksum) => this.knownEntries(checksum),
    });
    if (!verdict.accepted) {
      if (verdict.lastEntryChecksum === undefined) return { status: 400, body: undefined };
      const duplicate = verdict.responseCode === 'DUPE';
      return this.signed(duplicate ? 200 : 422, {
        lastEnvelopeTransferChainEntrySignedContentChecksum: verdict.lastEntryChecksum,
        responseCode: verdict.responseCode,
        reason: verdict.reason,
        ...(verdict.duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent === undefined
          ? {}
          : {
              duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent:
                verdict.duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent,
            }),
      });
    }
    const envelopeReference = await this.openTransfer(verdict);
    if (verdict.missingDocuments.length > 0) {
      return {
        status: 201,
        body: {
          envelopeReference,
          transportDocumentChecksum: verdict.transportDocumentChecksum,
          lastEnvelopeTransferChainEntrySignedContentChecksum: verdict.lastEntryChecksum,
          missingAdditionalDocumentChecksums: verdict.missingDocuments,
        },
      };
    }
    return this.finish(caller, envelopeReference);
  }

  async receiveDocument(
    caller: string,
    envelopeReference: string,
    checksum: string,
    base64: string,
  ): Promise<ReceiverAnswer> {
    const transfer = await this.transferOf(caller, envelopeReference);
    if (transfer?.state !== 'RECEIVING') return { status: 404 };
    const bytes = decodeBase64Content(base64);
    const check =
      bytes === undefined
        ? { ok: false as const, responseCode: 'INCD' as const, reason: 'the body is not Base64' }
        : verifyAdditionalDocument(
            findAnnouncedDocument(transfer.expectedDocuments, checksum),
            bytes,
          );
    if (!check.ok || bytes === undefined) {
      return this.signed(409, {
        lastEnvelopeTransferChainEntrySignedContentChecksum: transfer.lastEntryChecksum,
        responseCode: 'INCD',
        reason: check.ok ? 'unreadable document' : check.reason,
      });
    }
    await this.transfers.addDocument(envelopeReference, checksum, bytes);
    return { status: 204 };
  }

  async finish(caller: string, envelopeReference: string): Promise<ReceiverAnswer> {
    const transfer = await this.transferOf(caller, envelopeReference);
    if (transfer === undefined) return { status: 404 };
    if (transfer.state === 'ACCEPTED' && transfer.responseSignedContent !== null) {
      return { status: 200, body: transfer.responseSignedContent };
    }
    const outcome = finishTransfer(
      transfer.expectedDocuments,
      await this.transfers.receivedDocuments(envelopeReference),
    );
    if (outcome.responseCode === 'MDOC') {
      return this.signed(409, {
        lastEnvelopeTransferChainEntrySignedContentChecksum: transfer.lastEntryChecksum,
        ...outcome,
      });
    }
    await this.importOnLedger(transfer);
    const answer = await this.signed(200, {
      lastEnvelopeTransferChainEntrySignedContentChecksum: transfer.lastEntryChecksum,
      ...outcome,
    });
    await this.transfers.accept(envelopeReference, answer.body);
    return answer;
  }

  /**
   * The transfer under this reference, for its sender only: another platform is refused
   * (403), and so is a transfer still receiving after its lifetime ran out (410), which
   * the sender starts again by posting the envelope anew.
   */
  private async transferOf(
    caller: string,
    envelopeReference: string,
  ): Promise<IncomingTransfer | undefined> {
    const transfer = await this.transfers.find(envelopeReference);
    if (transfer === undefined) return undefined;
    if (transfer.senderPlatform !== caller) {
      throw new ProblemException(403, 'this envelope transfer was started by another platform');
    }
    if (transfer.state === 'RECEIVING' && transfer.expired) {
      throw new ProblemException(
        410,
        'this envelope transfer expired before it was finished; post the envelope again to start a new one',
      );
    }
    return transfer;
  }

  /** The ledger makes the recipient the holder here; then the document joins the read model. */
  private async importOnLedger(transfer: IncomingTransfer): Promise<void> {
    // The chain was verified when the envelope arrived; here it is only read.
    const entries = transfer.envelope.envelopeTransferChain;
    const chain = entries.map(
      (signed) => readUnverifiedJws(signed).payload as EnvelopeTransferChainEntry,
    );
    const first = chain[0];
    const last = chain.at(-1);
    const recipientParty = last?.transactions.at(-1)?.recipient;
    if (first === undefined || last === undefined || recipientParty === undefined) {
      throw new Error('verified envelope without chain or recipient');
    }
    const recipient = this.platform.parties.partyIdentifiedBy(recipientParty.identifyingCodes);
    if (recipient === undefined)
      throw new Error('recipient left the directory during the transfer');
    const sender = `${last.eblPlatform}:${transfer.lastEntryChecksum}`;
    // A sender on our channel: the chaincode checks its own record shows the export to us.
    const senderMspId = this.platform.platform(last.eblPlatform)?.mspId;
    const document = transfer.envelope.transportDocument as unknown as Record<string, unknown>;
    let record: EblRecord;
    try {
      ({ record } = await this.ledger.importTransfer({
        transportDocumentReference: transfer.transportDocumentReference,
        documentChecksum: last.transportDocumentChecksum,
        isToOrder: document.isToOrder === true,
        holder: recipient,
        issuer: `PINT:${first.eblPlatform}:${typeof document.carrierCode === 'string' ? document.carrierCode : 'carrier'}`,
        sender,
        senderMspId,
      }));
    } catch (error) {
      record = await this.alreadyImported(error, transfer.transportDocumentReference, sender);
    }
    await this.dataSource.transaction(async (manager: EntityManager) => {
      await this.store.saveDocument(manager, {
        transportDocumentReference: transfer.transportDocumentReference,
        document,
        documentChecksum: record.documentChecksum,
        issuingCarrier: null,
        envelopeTransferChain: [...entries],
        issuanceManifestSignedContent: first.issuanceManifestSignedContent ?? null,
      });
      // The documents that came with the eBL travel on with it from here.
      await this.documents.keepReceived(
        manager,
        transfer.transportDocumentReference,
        transfer.envelopeReference,
        transfer.expectedDocuments.map((document) => ({
          ...document,
          kind:
            document.documentChecksum === visualisationChecksum(first)
              ? 'VISUALISATION'
              : 'SUPPORTING',
        })),
      );
      await this.store.applyRecord(manager, record);
    });
  }

  /** A retried finish whose import already committed (crash between ledger and database). */
  private async alreadyImported(
    error: unknown,
    reference: string,
    sender: string,
  ): Promise<EblRecord> {
    if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.alreadyExists) {
      const record = await this.ledger.read(reference);
      if (record?.chain.some((entry) => entry.externalSender === sender)) return record;
    }
    throw problemFromLedger(error);
  }

  private async openTransfer(verdict: AcceptedEnvelope): Promise<string> {
    // A sender retrying an unfinished transfer gets the same envelope reference back.
    const open = await this.transfers.receiving(verdict.lastEntryChecksum);
    if (open !== undefined) return open;
    const envelopeReference = randomUUID();
    const document = verdict.envelope.transportDocument as unknown as Record<string, unknown>;
    await this.transfers.open({
      envelopeReference,
      lastEntryChecksum: verdict.lastEntryChecksum,
      transportDocumentReference: String(document.transportDocumentReference),
      envelope: verdict.envelope,
      senderPlatform: verdict.senderPlatform,
      recipient: verdict.recipient,
      expectedDocuments: verdict.announcedDocuments,
      lifetimeSeconds: this.config.EBL_PINT_ENVELOPE_LIFETIME_SECONDS,
    });
    return envelopeReference;
  }

  /** Chain entries this platform has held for the document: a chain that omits one forks history. */
  private async knownEntries(transportDocumentChecksum: Sha256Hex): Promise<Sha256Hex[]> {
    const chains = await this.store.transferChains(
      this.dataSource.manager,
      transportDocumentChecksum,
    );
    return chains.flatMap((chain) => chain.map(signedContentChecksum));
  }

  private async signed(
    status: number,
    response: EnvelopeTransferFinishedResponse,
  ): Promise<ReceiverAnswer & { body: SignedContent }> {
    this.signingKey ??= importSigningKey(this.platform.signingKey);
    return { status, body: await signEnvelopeResponse(response, await this.signingKey) };
  }
}

interface KeyRing {
  platforms: Map<string, VerificationKey>;
  carriers: Map<string, VerificationKey>;
}

/** The directory's keys, imported once: verification asks for them synchronously. */
async function keyRingOf(platform: EblPlatform): Promise<KeyRing> {
  const imported = async (keys: Map<string, KeyObject>) =>
    new Map(
      await Promise.all(
        [...keys].map(async ([code, key]) => [code, await importVerificationKey(key)] as const),
      ),
    );
  const trusted = platform.trustedKeys();
  return {
    platforms: await imported(trusted.platforms),
    carriers: await imported(trusted.carriers),
  };
}

/** The checksum of the carrier's visualisation, as the carrier signed it at issuance. */
function visualisationChecksum(first: EnvelopeTransferChainEntry): string | undefined {
  const signed = first.issuanceManifestSignedContent;
  if (signed === undefined) return undefined;
  return readIssuanceManifest(readUnverifiedJws(signed).payload)?.eBLVisualisationByCarrierChecksum;
}
