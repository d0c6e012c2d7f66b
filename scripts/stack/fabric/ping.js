// Health of the ledger as a client sees it: through one organisation's peer
// gateway, endorses (without submitting) the contract API's metadata function.
// Endorsing needs what a submit needs: the gateway plans the endorsement from
// discovery, so both organisations' peers must be known and answer for the
// chaincode. A peer that answers getinfo but cannot yet plan endorsements (it
// happens for 5-30 s after a restart) is not healthy. Exit 0 when it endorses.
// The regulator (ORG 3) never submits: its own peer evaluates the same function,
// which needs the chaincode approved by its organisation and running there.
//   node ping.js ORG   (reads FABRIC_ORG<ORG>_* or FABRIC_REGULATOR_*, and FABRIC_CHANNEL/FABRIC_CHAINCODE)
const { createPrivateKey } = require('node:crypto');
const { readFileSync } = require('node:fs');
const grpc = require('@grpc/grpc-js');
const { connect, hash, signers } = require('@hyperledger/fabric-gateway');

const org = process.argv[2] ?? '1';
const env = (key) => {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is not set`);
  return value;
};
const regulator = org === '3';
const orgEnv = (key) => env(regulator ? `FABRIC_REGULATOR_${key}` : `FABRIC_ORG${org}_${key}`);

async function ping() {
  const client = new grpc.Client(
    orgEnv('PEER_ENDPOINT'),
    grpc.credentials.createSsl(readFileSync(orgEnv('TLS_CA_CERT'))),
    { 'grpc.ssl_target_name_override': orgEnv('PEER_HOST_ALIAS') },
  );
  const gateway = connect({
    client,
    identity: { mspId: orgEnv('MSP_ID'), credentials: readFileSync(orgEnv('CLIENT_CERT')) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(orgEnv('CLIENT_KEY')))),
    hash: hash.sha256,
    endorseOptions: () => ({ deadline: Date.now() + 5000 }),
  });
  try {
    const contract = gateway.getNetwork(env('FABRIC_CHANNEL')).getContract(env('FABRIC_CHAINCODE'));
    const metadata = 'org.hyperledger.fabric:GetMetadata';
    if (regulator) {
      await contract.evaluate(metadata, { endorsingOrganizations: [orgEnv('MSP_ID')] });
    } else {
      await contract.newProposal(metadata).endorse();
    }
  } finally {
    gateway.close();
    client.close();
  }
}

ping().then(
  () => process.exit(0),
  (error) => {
    const details = (error.details ?? []).map((d) => `${d.address}: ${d.message}`).join('; ');
    console.error(
      `peer of ${regulator ? 'the regulator' : `Org${org}`} cannot endorse: ${error.message}${details ? ` (${details})` : ''}`,
    );
    process.exit(1);
  },
);
