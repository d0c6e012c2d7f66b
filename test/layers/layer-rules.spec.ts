import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

/**
 * Each layer rule of .dependency-cruiser.cjs, breached on purpose in a small
 * tree laid out like the repository, must be reported under its own name; the
 * same tree without the breaches must pass. dependency-cruiser runs as
 * `npm run lint:layers` does (its CLI; the package is ESM-only).
 */
interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

const CLEAN: Record<string, string> = {
  'libs/standards/src/index.ts': 'export const rule = 1;\n',
  'libs/http/src/index.ts': 'export const rule = 2;\n',
  'libs/messaging/src/index.ts': 'export const relay = 1;\n',
  'libs/messaging/src/inbox/message-consumers.ts': 'export const subscribe = 1;\n',
  'libs/messaging/src/inbox/inbox-transport.ts':
    "import { subscribe } from './message-consumers';\nimport { Kafka } from 'kafkajs';\nexport const serve = [subscribe, Kafka];\n",
  'services/ebl/src/pint/domain/envelope.ts':
    "import { rule } from '@pujiang/standards';\nimport { sign } from '../../signing/sign';\nexport const envelope = rule + sign;\n",
  'services/ebl/src/signing/sign.ts':
    "import { createHash } from 'node:crypto';\nexport const sign = createHash('sha256') ? 1 : 0;\n",
  'services/ebl/src/pint/pint.store.ts':
    "import { envelope } from './domain/envelope';\nexport const store = envelope;\n",
  'services/claims/src/claims/claim.store.ts': 'export const claims = 1;\n',
  'chaincode/src/claims/domain/cover.ts':
    "import { rule } from '../../../../libs/standards/src';\nexport const cover = rule;\n",
};

/** One breach per rule: the file that breaks it, and the rule's name. */
const BREACHES: { rule: string; file: string; source: string }[] = [
  {
    rule: 'pure-code-has-no-io-library',
    file: 'services/ebl/src/pint/domain/uses-http.ts',
    source: "import { rule } from '@pujiang/http';\nexport const x = rule;\n",
  },
  {
    rule: 'pure-code-has-no-framework',
    file: 'services/ebl/src/pint/domain/uses-nest.ts',
    source: "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
  },
  {
    rule: 'pure-code-does-no-io',
    file: 'services/ebl/src/signing/reads-file.ts',
    source: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
  },
  {
    rule: 'pure-code-imports-no-adapter',
    file: 'services/ebl/src/pint/domain/uses-store.ts',
    source: "import { store } from '../pint.store';\nexport const x = store;\n",
  },
  {
    rule: 'services-are-independent',
    file: 'services/ebl/src/pint/reads-claims.ts',
    source:
      "import { claims } from '../../../claims/src/claims/claim.store';\nexport const x = claims;\n",
  },
  {
    rule: 'lib-http-depends-only-on-declared-libs',
    file: 'libs/http/src/uses-messaging.ts',
    source: "import { relay } from '@pujiang/messaging';\nexport const x = relay;\n",
  },
  {
    rule: 'libs-are-declared',
    file: 'libs/undeclared/src/index.ts',
    source: "import { rule } from '@pujiang/standards';\nexport const x = rule;\n",
  },
  {
    rule: 'libs-do-not-import-services',
    file: 'libs/standards/src/reads-service.ts',
    source:
      "import { store } from '../../../services/ebl/src/pint/pint.store';\nexport const x = store;\n",
  },
  {
    rule: 'chaincode-builds-only-shared-pure-code',
    file: 'chaincode/src/claims/uses-http.ts',
    source: "import { rule } from '../../../libs/http/src';\nexport const x = rule;\n",
  },
  {
    rule: 'kafka-is-consumed-by-the-inbox-transport',
    file: 'services/claims/src/claims/subscribes.ts',
    source:
      "import { subscribe } from '../../../../libs/messaging/src/inbox/message-consumers';\nexport const x = subscribe;\n",
  },
  {
    rule: 'kafkajs-only-in-messaging',
    file: 'services/claims/src/claims/own-consumer.ts',
    source: "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n",
  },
  {
    rule: 'no-circular',
    file: 'libs/messaging/src/cycle-a.ts',
    source: "import { b } from './cycle-b';\nexport const a = () => b;\n",
  },
];
const CYCLE_PARTNER = {
  'libs/messaging/src/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
};

function layTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layer-rules-'));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), source);
  }
  const paths = Object.fromEntries(
    ['standards', 'http', 'messaging', 'undeclared'].map((lib) => [
      `@pujiang/${lib}`,
      [`libs/${lib}/src`],
    ]),
  );
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { baseUrl: '.', paths, strict: true } }),
  );
  // Frameworks resolve to the repository's node_modules, as they do in the code.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

function cruise(root: string): Violation[] {
  const run = spawnSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
      '--config',
      join(REPO_ROOT, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
      'services',
      'libs',
      'chaincode/src',
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
  if (run.stdout === '') throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

describe('layer rules (.dependency-cruiser.cjs)', () => {
  const trees: string[] = [];
  afterAll(() => trees.forEach((tree) => rmSync(tree, { recursive: true, force: true })));

  it('pass a tree that keeps them', () => {
    const tree = layTree(CLEAN);
    trees.push(tree);
    expect(cruise(tree)).toEqual([]);
  });

  describe('refuse each breach by name', () => {
    let violations: Violation[];
    beforeAll(() => {
      const files: Record<string, string> = { ...CLEAN, ...CYCLE_PARTNER };
      for (const breach of BREACHES) files[breach.file] = breach.source;
      const tree = layTree(files);
      trees.push(tree);
      violations = cruise(tree);
    });

    it.each(BREACHES)('$rule: $file', ({ rule, file }) => {
      expect(violations).toContainEqual(
        expect.objectContaining({ rule: expect.objectContaining({ name: rule }), from: file }),
      );
    });
  });
});
