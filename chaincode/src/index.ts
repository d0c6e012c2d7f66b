import { ClaimsContract } from './claims/claims.contract';
import { DevicesContract } from './devices/devices.contract';
import { EblContract } from './ebl/ebl.contract';
import { TraceAccessContract } from './trace-access/trace-access.contract';
import { TraceAnchorContract } from './trace-anchor/trace-anchor.contract';
import { VesselsContract } from './vessels/vessels.contract';
import { VoyagesContract } from './voyages/voyages.contract';

export {
  ClaimsContract,
  DevicesContract,
  EblContract,
  TraceAccessContract,
  TraceAnchorContract,
  VesselsContract,
  VoyagesContract,
};

/** Read by fabric-chaincode-node: the contracts this chaincode serves. */
export const contracts = [
  TraceAnchorContract,
  TraceAccessContract,
  EblContract,
  ClaimsContract,
  DevicesContract,
  VesselsContract,
  VoyagesContract,
];
