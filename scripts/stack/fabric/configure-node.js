// Writes a node's core.yaml or orderer.yaml: Fabric's sample configuration with
// the few settings that cannot come from environment variables (external
// builders are read from core.yaml only).
//   node configure-node.js peer|orderer SAMPLECONFIG_DIR OUT_DIR BUILDER_DIR
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const YAML = require('yaml');

const [kind, sampleDir, outDir, builderDir] = process.argv.slice(2);
const file = kind === 'peer' ? 'core.yaml' : 'orderer.yaml';
const doc = YAML.parseDocument(readFileSync(join(sampleDir, file), 'utf8'));
if (kind === 'peer') {
  doc.setIn(
    ['chaincode', 'externalBuilders'],
    [{ name: 'pujiang-ccaas', path: builderDir, propagateEnvironment: ['HOME', 'PATH'] }],
  );
  // No Docker here: an empty endpoint stops the peer from probing a daemon.
  doc.setIn(['vm', 'endpoint'], '');
}
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, file), doc.toString());
