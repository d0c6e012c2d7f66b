import { EblRecord, EblStatus, exportDestination } from '@pujiang/contracts';

/** How long a queued envelope waits for the EXPORT it was queued for to commit. */
export const EXPORT_COMMIT_GRACE_MS = 5 * 60_000;

/** A queued envelope, as far as the rule needs it. */
export interface QueuedEnvelope {
  reference: string;
  receivingPlatform: string;
  /** Checksum of the envelope's last transfer chain entry, which EXPORT binds on the ledger. */
  lastEntryChecksum: string;
  queuedAt: string;
}

/** Send it now, wait for its EXPORT to commit, or drop it for good. */
export type QueuedEnvelopeVerdict = 'send' | 'wait' | { drop: string };

/**
 * Whether a queued envelope may leave, judged against the ledger's record.
 * Only the envelope EXPORT bound (same checksum, same receiving platform)
 * is sent, and only while the export is pending: any other one (from a
 * refused EXPORT, a second replica's or an earlier attempt's) would put the
 * bill on two platforms. The envelope is queued before EXPORT so that a crash
 * in between loses nothing; an ISSUED record may therefore still become its
 * export for a while, and then the envelope waits.
 */
export function judgeQueuedEnvelope(
  record: EblRecord | undefined,
  envelope: QueuedEnvelope,
  now: number,
): QueuedEnvelopeVerdict {
  const { reference } = envelope;
  if (record?.status === EblStatus.exportPending) {
    // An export started before EXPORT bound its envelope names none: its one queued envelope goes.
    const bound = record.exportEnvelopeChecksum;
    if (bound !== undefined && bound !== envelope.lastEntryChecksum) {
      return { drop: `${reference} is being exported with another envelope` };
    }
    if (exportDestination(record.exportedTo) !== envelope.receivingPlatform) {
      return { drop: `${reference} is being exported to another platform` };
    }
    return 'send';
  }
  const young = now - Date.parse(envelope.queuedAt) < EXPORT_COMMIT_GRACE_MS;
  if (record?.status === EblStatus.issued && young) return 'wait';
  return { drop: `nothing to send: ${reference} is ${record?.status ?? 'absent'}` };
}
