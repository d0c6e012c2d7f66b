/**
 * The Ebl chaincode contract as both sides see it. The chaincode decides every
 * change of control with EBL_TRANSITIONS; the ebl service reads the same table
 * to offer only the actions that can succeed, so the two never disagree on the
 * rules, only on who is asking.
 */
export const EBL_CONTRACT = 'Ebl';

export const EblTransaction = {
  issue: 'issue',
  importTransfer: 'importTransfer',
  act: 'act',
  read: 'read',
} as const;

export const EblEvent = {
  changed: 'EblChanged',
} as const;

/** Where the document stands on this platform. */
export const EblStatus = {
  issued: 'ISSUED',
  transferPending: 'TRANSFER_PENDING',
  surrenderForDeliveryPending: 'SURRENDER_FOR_DELIVERY_PENDING',
  surrenderForAmendmentPending: 'SURRENDER_FOR_AMENDMENT_PENDING',
  surrendered: 'SURRENDERED',
  surrenderedForAmendment: 'SURRENDERED_FOR_AMENDMENT',
  voided: 'VOID',
  exportPending: 'EXPORT_PENDING',
  exported: 'EXPORTED',
} as const;
export type EblStatus = (typeof EblStatus)[keyof typeof EblStatus];

/**
 * What a party does to a document after issuance. Names follow the DCSA PINT
 * actionCode values where DCSA has one (TRANSFER, ENDORSE, ENDORSE_TO_ORDER,
 * BLANK_ENDORSE, SIGN, SURRENDER_FOR_*, SACC, SREJ); the rest are this
 * platform's own steps around them.
 */
export const EblAction = {
  transfer: 'TRANSFER',
  endorse: 'ENDORSE',
  endorseToOrder: 'ENDORSE_TO_ORDER',
  blankEndorse: 'BLANK_ENDORSE',
  sign: 'SIGN',
  acceptTransfer: 'ACCEPT_TRANSFER',
  rejectTransfer: 'REJECT_TRANSFER',
  surrenderForDelivery: 'SURRENDER_FOR_DELIVERY',
  surrenderForAmendment: 'SURRENDER_FOR_AMENDMENT',
  acceptSurrender: 'SACC',
  rejectSurrender: 'SREJ',
  void: 'VOID',
  startExport: 'EXPORT',
  completeExport: 'EXPORT_ACCEPTED',
  cancelExport: 'EXPORT_REJECTED',
} as const;
export type EblAction = (typeof EblAction)[keyof typeof EblAction];

/** Who may take an action, relative to the document. */
export const EblRole = {
  /** The one party in control of the document now (MLETR "control"). */
  holder: 'HOLDER',
  /** The party a pending transfer or endorsement is offered to. */
  pendingRecipient: 'PENDING_RECIPIENT',
  /** The carrier that issued the document. */
  issuer: 'ISSUER',
  /** The platform operator (its organisation's identity with `pujiang.role=platform`), for PINT. */
  platform: 'PLATFORM',
} as const;
export type EblRole = (typeof EblRole)[keyof typeof EblRole];

export interface EblTransition {
  action: EblAction;
  from: EblStatus;
  to: EblStatus;
  by: EblRole;
}

const S = EblStatus;
const A = EblAction;
const R = EblRole;

/** Every allowed change; anything not listed is refused with INVALID_STATE or FORBIDDEN. */
export const EBL_TRANSITIONS: readonly EblTransition[] = [
  { action: A.transfer, from: S.issued, to: S.transferPending, by: R.holder },
  { action: A.endorse, from: S.issued, to: S.transferPending, by: R.holder },
  { action: A.endorseToOrder, from: S.issued, to: S.transferPending, by: R.holder },
  { action: A.blankEndorse, from: S.issued, to: S.issued, by: R.holder },
  { action: A.sign, from: S.issued, to: S.issued, by: R.holder },
  { action: A.acceptTransfer, from: S.transferPending, to: S.issued, by: R.pendingRecipient },
  { action: A.rejectTransfer, from: S.transferPending, to: S.issued, by: R.pendingRecipient },
  {
    action: A.surrenderForDelivery,
    from: S.issued,
    to: S.surrenderForDeliveryPending,
    by: R.holder,
  },
  {
    action: A.surrenderForAmendment,
    from: S.issued,
    to: S.surrenderForAmendmentPending,
    by: R.holder,
  },
  {
    action: A.acceptSurrender,
    from: S.surrenderForDeliveryPending,
    to: S.surrendered,
    by: R.issuer,
  },
  {
    action: A.acceptSurrender,
    from: S.surrenderForAmendmentPending,
    to: S.surrenderedForAmendment,
    by: R.issuer,
  },
  { action: A.rejectSurrender, from: S.surrenderForDeliveryPending, to: S.issued, by: R.issuer },
  { action: A.rejectSurrender, from: S.surrenderForAmendmentPending, to: S.issued, by: R.issuer },
  { action: A.void, from: S.surrenderedForAmendment, to: S.voided, by: R.issuer },
  { action: A.startExport, from: S.issued, to: S.exportPending, by: R.holder },
  { action: A.completeExport, from: S.exportPending, to: S.exported, by: R.platform },
  { action: A.cancelExport, from: S.exportPending, to: S.issued, by: R.platform },
];

/** Endorsements exist only on to-order (negotiable) documents. */
export const ENDORSEMENTS: readonly EblAction[] = [A.endorse, A.endorseToOrder, A.blankEndorse];

/** Actions that name the party receiving the document. */
export const ACTIONS_WITH_RECIPIENT: readonly EblAction[] = [
  A.transfer,
  A.endorse,
  A.endorseToOrder,
  A.startExport,
];

export function transitionFor(action: EblAction, from: EblStatus): EblTransition | undefined {
  return EBL_TRANSITIONS.find((t) => t.action === action && t.from === from);
}

/**
 * A party as the ledger knows it: its organisation and the common name of its
 * own X.509 certificate, written `Org1MSP::shipper@org1.pujiang.test`.
 */
export type LedgerParty = string;

export function ledgerParty(mspId: string, commonName: string): LedgerParty {
  return `${mspId}::${commonName}`;
}

/** One entry of the endorsement chain, in the order the ledger recorded them. */
export interface EblChainEntry {
  action: EblAction | 'ISSUE' | 'IMPORT';
  actor: LedgerParty;
  recipient?: LedgerParty;
  /** For exports: the other platform's code and party (DCSA RecipientParty JSON). */
  externalRecipient?: string;
  /** For imports: the sending platform's code and the checksum of its last envelope transfer chain entry. */
  externalSender?: string;
  /** Surrender reason (SWTP, COD, SWI) or a rejection reason. */
  reason?: string;
  txId: string;
  /** Transaction timestamp, ISO 8601 UTC. */
  at: string;
}

/** What the ledger holds for one transport document on one platform. */
export interface EblRecord {
  transportDocumentReference: string;
  /** MSP id of the organisation whose platform holds the document. */
  platform: string;
  /** SHA-256 (lower-case hex) over the RFC 8785 canonical JSON of the transport document. */
  documentChecksum: string;
  isToOrder: boolean;
  status: EblStatus;
  /** The carrier that issued it here, or the issuing party its sending platform described (imports). */
  issuer: LedgerParty;
  /**
   * The issuing carrier's code, read by the chaincode from the issuer's
   * certificate (`pujiang.carrier`), never from an argument. Absent on a
   * document imported from another platform, whose carrier this ledger
   * cannot vouch for.
   */
  carrierCode?: string;
  /** The one party in control now; on this platform control and possession coincide. */
  holder: LedgerParty;
  /** Same party as holder: named separately because DCSA and the law speak of possession. */
  possessor: LedgerParty;
  /** To-order documents: the party it is endorsed to; null before any endorsement or when endorsed in blank. */
  endorsee: LedgerParty | null;
  blankEndorsed: boolean;
  /** Whether the current endorsee may endorse again (ENDORSE_TO_ORDER, or still to order of the shipper). */
  endorseeMayEndorse: boolean;
  /** An offer awaiting the recipient, or a surrender awaiting the issuer; `from` is who gets it back on refusal. */
  pending?: { action: EblAction; recipient: LedgerParty; from?: LedgerParty };
  /**
   * Set while an export (PINT) is under way and after it: who the document went to, the
   * DCSA RecipientParty (JSON) with the receiving platform's `eblPlatform` code.
   */
  exportedTo?: string;
  /**
   * Set with exportedTo: the one envelope this export sends, named by the
   * SHA-256 of its last envelope transfer chain entry (PINT's
   * lastEnvelopeTransferChainEntrySignedContentChecksum). No other envelope
   * may leave for it, and only an answer about this one settles it.
   */
  exportEnvelopeChecksum?: string;
  replaces?: string;
  replacedBy?: string;
  chain: EblChainEntry[];
  lastTxId: string;
  updatedAt: string;
}

export const TRANSPORT_DOCUMENT_REFERENCE_PATTERN = /^\S{1,20}$/;

/** A DCSA eBL platform code (`WAVE`, `PJA`): at most 4 characters, no white space. */
export const EBL_PLATFORM_CODE_PATTERN = /^\S{1,4}$/;

/**
 * The platform code an export is addressed to, read from the record's `exportedTo`;
 * undefined when it names none. The receiving chaincode reads it to check that a
 * sending platform on the channel is exporting the document to it.
 */
export function exportDestination(exportedTo: string | undefined): string | undefined {
  if (exportedTo === undefined) return undefined;
  let party: unknown;
  try {
    party = JSON.parse(exportedTo);
  } catch {
    return undefined;
  }
  const platform =
    typeof party === 'object' && party !== null
      ? (party as { eblPlatform?: unknown }).eblPlatform
      : undefined;
  return typeof platform === 'string' && EBL_PLATFORM_CODE_PATTERN.test(platform)
    ? platform
    : undefined;
}

/**
 * The `detail` of the platform's answer to a pending export: the checksum of
 * the envelope the export is bound to and, for EXPORT_REJECTED, the receiving
 * platform's response code before it (`BSIG <checksum>`). Carrying the
 * checksum means a late answer about another envelope cannot settle this export.
 */
export function exportAnswerDetail(envelopeChecksum: string, responseCode?: string): string {
  return responseCode === undefined ? envelopeChecksum : `${responseCode} ${envelopeChecksum}`;
}

/** Reads exportAnswerDetail back (undefined: not of that shape); the parts are checked by the reader. */
export function parseExportAnswerDetail(
  detail: string,
): { envelopeChecksum: string; responseCode?: string } | undefined {
  const parts = detail.split(' ');
  if (parts.length === 1) return { envelopeChecksum: detail };
  const [responseCode = '', envelopeChecksum = ''] = parts;
  return parts.length === 2 ? { envelopeChecksum, responseCode } : undefined;
}
