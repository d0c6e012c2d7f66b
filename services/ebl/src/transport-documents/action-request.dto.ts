import { EblAction } from '@pujiang/contracts';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * What a party may ask for here. Carrier steps (SACC, SREJ, VOID) arrive on
 * the DCSA carrier endpoints and PINT exports on /pint-transfers, so they are
 * not accepted from a party's token.
 */
export const PARTY_ACTIONS: readonly EblAction[] = [
  EblAction.transfer,
  EblAction.endorse,
  EblAction.endorseToOrder,
  EblAction.blankEndorse,
  EblAction.sign,
  EblAction.acceptTransfer,
  EblAction.rejectTransfer,
  EblAction.surrenderForDelivery,
  EblAction.surrenderForAmendment,
];

export class ActionRequestDto {
  @IsIn(PARTY_ACTIONS)
  action!: EblAction;

  /** Directory id of the party receiving a transfer or endorsement on this platform. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  recipientPartyId?: string;

  /** DCSA surrender for amendment reason: SWTP (switch to paper), COD, SWI. */
  @IsOptional()
  @IsIn(['SWTP', 'COD', 'SWI'])
  reasonCode?: string;

  @IsOptional()
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(255)
  comments?: string;
}
