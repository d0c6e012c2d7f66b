import { EblContract } from './ebl/ebl.contract';
import { TraceAnchorContract } from './trace-anchor/trace-anchor.contract';

export { EblContract, TraceAnchorContract };

/** Read by fabric-chaincode-node: the contracts this chaincode serves. */
export const contracts = [TraceAnchorContract, EblContract];
