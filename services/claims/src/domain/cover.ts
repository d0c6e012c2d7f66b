import { IccClause, PERIL_COVER, type Peril } from '@pujiang/contracts';

/**
 * Why the Institute Cargo Clauses (1/1/2009) pay for a peril or not. Whether they do is the
 * chaincode's table (PERIL_COVER in @pujiang/contracts), so service and ledger never disagree;
 * this module adds where the wording says so, for the claim file and the claimant. (A) is
 * "all risks" less the exclusions of clauses 4 to 7; (B) and (C) pay only the perils their
 * clause 1 names. War and strikes are bought separately (Institute War / Strikes Clauses).
 */
export type CoverVerdict =
  | { readonly covered: true; readonly clause: string }
  | {
      readonly covered: false;
      readonly reason: 'EXCLUDED' | 'NOT_A_NAMED_PERIL';
      readonly clause: string;
      readonly text: string;
    };

export type Wording =
  /** Named in clause 1 of (B), and of (C) where PERIL_COVER says so. */
  | { readonly kind: 'NAMED'; readonly clause: string }
  /** Reached only by the all-risks cover of (A). */
  | { readonly kind: 'ALL_RISKS' }
  /** A peril of the ship's own cover (ITC Hulls, P&I), outside what cargo clauses insure. */
  | { readonly kind: 'NOT_CARGO'; readonly text: string }
  /** Excluded; without `clauseA`, (A) has no such exclusion and covers it. */
  | {
      readonly kind: 'EXCLUDED';
      readonly clauseA?: string;
      readonly clauseBC: string;
      readonly text: string;
    };

const named = (clause: string): Wording => ({ kind: 'NAMED', clause });
const allRisks: Wording = { kind: 'ALL_RISKS' };
const excluded = (clause: string, text: string, clauseBC = clause): Wording => ({
  kind: 'EXCLUDED',
  clauseA: clause,
  clauseBC,
  text,
});

/** Clause numbers of ICC (A), (B), (C) 1/1/2009 (CL382, CL383, CL384). */
export const ICC_2009_WORDING: Readonly<Record<Peril, Wording>> = {
  FIRE: named('1.1.1'),
  STRANDING: named('1.1.2'),
  SINKING: named('1.1.2'),
  LAND_CONVEYANCE_ACCIDENT: named('1.1.3'),
  COLLISION: named('1.1.4'),
  PORT_OF_DISTRESS_DISCHARGE: named('1.1.5'),
  EARTHQUAKE_VOLCANO_LIGHTNING: named('1.1.6'),
  GENERAL_AVERAGE: named('1.2.1'),
  JETTISON: named('1.2.2'),
  WASHING_OVERBOARD: named('1.2.2'),
  WATER_DAMAGE: named('1.2.3'),
  PACKAGE_LOST_IN_LOADING: named('1.3'),
  HEAVY_WEATHER: allRisks,
  THEFT: allRisks,
  NON_DELIVERY: allRisks,
  TEMPERATURE_DEVIATION: allRisks,
  HANDLING_DAMAGE: allRisks,
  MALICIOUS_DAMAGE: {
    kind: 'EXCLUDED',
    clauseBC: '4.7',
    text: 'deliberate damage to or destruction of the cargo by the wrongful act of any person',
  },
  WILFUL_MISCONDUCT: excluded('4.1', 'wilful misconduct of the Assured'),
  ORDINARY_LOSS: excluded('4.2', 'ordinary leakage, loss in weight or volume, wear and tear'),
  INSUFFICIENT_PACKING: excluded('4.3', 'insufficient or unsuitable packing or preparation'),
  INHERENT_VICE: excluded('4.4', 'inherent vice or nature of the cargo'),
  DELAY: excluded('4.5', 'delay, even when caused by an insured risk'),
  INSOLVENCY: excluded('4.6', 'insolvency or financial default of the vessel’s operators'),
  NUCLEAR: excluded('4.7', 'atomic or nuclear weapons or devices', '4.8'),
  WAR: excluded('6', 'war risks: Institute War Clauses (Cargo)'),
  STRIKES: excluded('7', 'strikes, riots, terrorism: Institute Strikes Clauses (Cargo)'),
  MACHINERY_DAMAGE: { kind: 'NOT_CARGO', text: 'damage to the vessel’s machinery: hull cover' },
  CREW_INJURY: { kind: 'NOT_CARGO', text: 'injury to crew: the owner’s P&I cover' },
};

const LETTER: Readonly<Record<IccClause, string>> = { ICC_A: 'A', ICC_B: 'B', ICC_C: 'C' };

/** Whether a loss proximately caused by `peril` is paid under `clause`, and why not. */
export function isCovered(clause: IccClause, peril: Peril): CoverVerdict {
  const wording = ICC_2009_WORDING[peril];
  if (wording.kind === 'NOT_CARGO') {
    return { covered: false, reason: 'NOT_A_NAMED_PERIL', clause: '1', text: wording.text };
  }
  if (PERIL_COVER[peril].includes(clause)) {
    const number = clause !== IccClause.a && wording.kind === 'NAMED' ? wording.clause : '1';
    return { covered: true, clause: number };
  }
  if (wording.kind === 'EXCLUDED') {
    const number = clause === IccClause.a ? wording.clauseA : wording.clauseBC;
    if (number !== undefined) {
      return { covered: false, reason: 'EXCLUDED', clause: number, text: wording.text };
    }
  }
  return {
    covered: false,
    reason: 'NOT_A_NAMED_PERIL',
    clause: '1',
    text: `ICC (${LETTER[clause]}) pays only for the perils its clause 1 names`,
  };
}

export function isPeril(value: string): value is Peril {
  return Object.prototype.hasOwnProperty.call(PERIL_COVER, value);
}
