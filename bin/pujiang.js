#!/usr/bin/env node
'use strict';
// Launcher for the operator CLI (`npx pujiang …`): runs the compiled CLI when it has been built
// (dist/tools/cli), otherwise the TypeScript source through ts-node, so it works in a fresh clone.
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
// `tsc -p tools/cli/tsconfig.app.json` compiles the CLI with the libraries it uses, so the
// output mirrors the repository below dist/tools/cli.
const distRoot = path.join(root, 'dist/tools/cli');
const compiled = path.join(distRoot, 'tools/cli/src/main.js');

let entry;
if (fs.existsSync(compiled)) {
  // tsc leaves the @pujiang/* aliases in place: map them onto the compiled libraries.
  require('tsconfig-paths').register({
    baseUrl: distRoot,
    paths: { '@pujiang/*': ['libs/*/src'] },
  });
  entry = compiled;
} else {
  process.env.TS_NODE_PROJECT = path.join(root, 'tsconfig.json');
  require('ts-node/register/transpile-only');
  require('tsconfig-paths/register');
  entry = path.join(root, 'tools/cli/src/main.ts');
}

const { main } = require(entry);
const io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
