import { Injectable } from '@nestjs/common';
import {
  EBL_CONTRACT,
  EblAction,
  EblRecord,
  EblTransaction,
  LedgerErrorCode,
} from '@pujiang/contracts';
import { LedgerGateway, LedgerRefusalError, LedgerSession } from '@pujiang/ledger-client';
import { Party } from '../platform/directory';
import { EblPlatform } from '../platform/ebl-platform';

export interface LedgerChange {
  record: EblRecord;
  txId: string;
  blockNumber: bigint;
}

export interface Issuance {
  transportDocumentReference: string;
  documentChecksum: string;
  isToOrder: boolean;
  holder: Party;
  replaces?: string;
}

/**
 * The Ebl chaincode contract, each call signed by the party that acts: the
 * chaincode, not this service, decides whether that party may.
 */
@Injectable()
export class EblLedger {
  constructor(
    private readonly gateway: LedgerGateway,
    private readonly platform: EblPlatform,
  ) {}

  issue(carrier: Party, issuance: Issuance): Promise<LedgerChange> {
    return this.submit(this.as(carrier), EblTransaction.issue, [
      issuance.transportDocumentReference,
      issuance.documentChecksum,
      String(issuance.isToOrder),
      issuance.holder.ledgerParty,
      issuance.replaces ?? '',
    ]);
  }

  act(
    actor: Party,
    transportDocumentReference: string,
    action: EblAction,
    recipient = '',
    detail = '',
  ): Promise<LedgerChange> {
    return this.submit(this.as(actor), EblTransaction.act, [
      transportDocumentReference,
      action,
      recipient,
      detail,
    ]);
  }

  /** Platform steps of PINT, signed by the service's own (operator) identity. */
  actAsPlatform(
    transportDocumentReference: string,
    action: EblAction,
    detail = '',
  ): Promise<LedgerChange> {
    return this.submit(this.gateway, EblTransaction.act, [
      transportDocumentReference,
      action,
      '',
      detail,
    ]);
  }

  importTransfer(args: {
    transportDocumentReference: string;
    documentChecksum: string;
    isToOrder: boolean;
    holder: Party;
    issuer: string;
    sender: string;
    /** The sending platform's organisation when it is on this channel, else undefined. */
    senderMspId: string | undefined;
  }): Promise<LedgerChange> {
    return this.submit(this.gateway, EblTransaction.importTransfer, [
      args.transportDocumentReference,
      args.documentChecksum,
      String(args.isToOrder),
      args.holder.ledgerParty,
      args.issuer,
      args.sender,
      args.senderMspId ?? '',
      this.platform.code,
    ]);
  }

  /** The record on this platform, or undefined if the ledger has none. */
  async read(transportDocumentReference: string): Promise<EblRecord | undefined> {
    try {
      const json = await this.gateway.evaluate({
        contract: EBL_CONTRACT,
        transaction: EblTransaction.read,
        args: [this.platform.mspId, transportDocumentReference],
      });
      return JSON.parse(json) as EblRecord;
    } catch (error) {
      if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.notFound) {
        return undefined;
      }
      throw error;
    }
  }

  private as(party: Party): LedgerSession {
    return this.gateway.actingAs(this.platform.parties.identityOf(party));
  }

  private async submit(
    session: Pick<LedgerSession, 'submit'>,
    transaction: string,
    args: string[],
  ): Promise<LedgerChange> {
    const committed = await session.submit({ contract: EBL_CONTRACT, transaction, args });
    return {
      record: JSON.parse(committed.result) as EblRecord,
      txId: committed.txId,
      blockNumber: committed.blockNumber,
    };
  }
}
