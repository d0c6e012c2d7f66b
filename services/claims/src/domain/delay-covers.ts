import {
  arrivedLate,
  firstArrival,
  vesselArrivalDue,
  type VesselArrivalTrigger,
  type VoyageEventRecord,
} from '@pujiang/contracts';

/** A policy's period: ISO 8601 calendar dates, both days included. */
export interface PolicyPeriod {
  from: string;
  to: string;
}

/** What a delay cover makes of the vessel's voyage events so far. */
export type DelayCoverDecision =
  /** No arrival in the port area within the period yet. */
  | { outcome: 'WAITING' }
  /** The vessel arrived within ETA and grace: the trigger did not fire, and no later entry will. */
  | { outcome: 'ON_TIME'; arrival: VoyageEventRecord; due: string }
  /** The vessel arrived after ETA and grace: the trigger fired, dated to the arrival. */
  | { outcome: 'LATE'; arrival: VoyageEventRecord; due: string; hoursLate: number };

const DAY_MS = 86_400_000;

/**
 * A delay cover (VESSEL_ARRIVAL) judged on the vessel's voyage events: its
 * arrival is the first entry into the trigger's port area since the period
 * began (`firstArrival`, the rule the chaincode checks the notice against),
 * if within the period; the trigger fires when that arrival is after ETA
 * plus grace (`arrivedLate`). Pure: the same events, in any order and
 * however often, give the same answer.
 */
export function delayCoverDecision(
  trigger: Pick<VesselArrivalTrigger, 'portArea' | 'etaAt' | 'graceHours'>,
  period: PolicyPeriod,
  events: readonly VoyageEventRecord[],
): DelayCoverDecision {
  const arrival = firstArrival(events, trigger.portArea, period.from);
  const periodEnd = Date.parse(`${period.to}T00:00:00.000Z`) + DAY_MS;
  if (arrival === undefined || Date.parse(arrival.at) >= periodEnd) return { outcome: 'WAITING' };
  const due = vesselArrivalDue(trigger);
  if (!arrivedLate(trigger, arrival.at)) return { outcome: 'ON_TIME', arrival, due };
  const hoursLate = Math.floor((Date.parse(arrival.at) - Date.parse(due)) / 3_600_000);
  return { outcome: 'LATE', arrival, due, hoursLate };
}
