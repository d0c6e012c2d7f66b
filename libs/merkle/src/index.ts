export { MerkleTree, ProofStep, rootFromProof } from './merkle-tree';
