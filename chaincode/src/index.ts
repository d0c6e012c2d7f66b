import { TraceAnchorContract } from './trace-anchor/trace-anchor.contract';

export { TraceAnchorContract };

/** Read by fabric-chaincode-node: the contracts this chaincode serves. */
export const contracts = [TraceAnchorContract];
