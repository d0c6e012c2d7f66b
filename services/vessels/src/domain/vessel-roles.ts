/** The token roles of the vessels service's callers, as the directory gives them to its parties too. */
export const VesselRole = {
  flagState: 'vessels:flag-state',
  classSociety: 'vessels:class-society',
  owner: 'vessels:owner',
  manager: 'vessels:manager',
  /**
   * Reads records and asks whether a master was certified; signs nothing on
   * the ledger. Keeps the trading limits of the vessels it insures and the
   * port areas of its delay covers in the area register.
   */
  insurer: 'vessels:insurer',
  /**
   * Keeps the war-risk areas (a market's listed areas, the Joint War
   * Committee's say) in the area register; nothing else.
   */
  warRiskLists: 'vessels:war-risk-lists',
} as const;
export type VesselRole = (typeof VesselRole)[keyof typeof VesselRole];

export const ANY_VESSEL_ROLE: readonly VesselRole[] = Object.values(VesselRole);
