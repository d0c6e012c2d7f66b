// Health of the ledger as a client sees it: evaluates the contract API's
// metadata function through Org1's peer gateway. Exit 0 when it answers.
//   node ping.js   (reads FABRIC_ORG1_* and FABRIC_CHANNEL/FABRIC_CHAINCODE from the environment)
const { createPrivateKey } = require('node:crypto');
const { readFileSync } = require('node:fs');
const grpc = require('@grpc/grpc-js');
const { connect, hash, signers } = require('@hyperledger/fabric-gateway');

const env = (key) => {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is not set`);
  return value;
};

async function ping() {
  const client = new grpc.Client(
    env('FABRIC_ORG1_PEER_ENDPOINT'),
    grpc.credentials.createSsl(readFileSync(env('FABRIC_ORG1_TLS_CA_CERT'))),
    { 'grpc.ssl_target_name_override': env('FABRIC_ORG1_PEER_HOST_ALIAS') },
  );
  const gateway = connect({
    client,
    identity: {
      mspId: env('FABRIC_ORG1_MSP_ID'),
      credentials: readFileSync(env('FABRIC_ORG1_CLIENT_CERT')),
    },
    signer: signers.newPrivateKeySigner(
      createPrivateKey(readFileSync(env('FABRIC_ORG1_CLIENT_KEY'))),
    ),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 5000 }),
  });
  try {
    const contract = gateway.getNetwork(env('FABRIC_CHANNEL')).getContract(env('FABRIC_CHAINCODE'));
    await contract.evaluateTransaction('org.hyperledger.fabric:GetMetadata');
  } finally {
    gateway.close();
    client.close();
  }
}

ping().then(
  () => process.exit(0),
  (error) => {
    const details = (error.details ?? []).map((d) => d.message).join('; ');
    console.error(`ping failed: ${error.message}${details ? ` (${details})` : ''}`);
    process.exit(1);
  },
);
