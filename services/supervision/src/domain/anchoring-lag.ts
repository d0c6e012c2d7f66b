/** One captured event on its way to the ledger: when captured, and when its batch committed. */
export interface AnchoringItem {
  organisation: string;
  capturedAt: Date;
  anchoredAt: Date | null;
}

export interface AnchoringLag {
  organisation: string;
  /** Items anchored among those given. */
  anchored: number;
  /** Longest capture → commit among them, in seconds (0 when none). */
  maxLagSeconds: number;
  /** Items captured and not yet anchored. */
  pending: number;
  /** Age of the oldest of them, in seconds (0 when none). */
  oldestPendingSeconds: number;
}

/**
 * Per organisation, how far its anchoring trails its captures: each
 * organisation anchors its own events with its own identity (decision 0013),
 * so a lagging one shows here by name.
 */
export function anchoringLag(items: readonly AnchoringItem[], now: Date): AnchoringLag[] {
  const byOrganisation = new Map<string, AnchoringLag>();
  for (const item of items) {
    const lag = byOrganisation.get(item.organisation) ?? {
      organisation: item.organisation,
      anchored: 0,
      maxLagSeconds: 0,
      pending: 0,
      oldestPendingSeconds: 0,
    };
    if (item.anchoredAt === null) {
      lag.pending += 1;
      const age = (now.getTime() - item.capturedAt.getTime()) / 1000;
      lag.oldestPendingSeconds = Math.max(lag.oldestPendingSeconds, Math.max(0, age));
    } else {
      lag.anchored += 1;
      const seconds = (item.anchoredAt.getTime() - item.capturedAt.getTime()) / 1000;
      lag.maxLagSeconds = Math.max(lag.maxLagSeconds, Math.max(0, seconds));
    }
    byOrganisation.set(item.organisation, lag);
  }
  return [...byOrganisation.values()].sort((a, b) => a.organisation.localeCompare(b.organisation));
}
