import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { type EblWorld, startEblWorld } from '../support/ebl-platforms';
import { REPO_ROOT } from '../support/stack-env';
import {
  type DcsaFramework,
  type FrameworkBuild,
  frameworkBuild,
  frameworkKeys,
  startFramework,
} from './dcsa-framework';
import { EXPECTED_DEVIATIONS, NOT_YET_CONFORMANT, isListed } from './known-findings';
import { issuanceSide } from './issuance-side';
import { certificateOf, pintReceivingSide } from './pint-receiving-side';
import { FRAMEWORK_RECEIVER, pintSendingSide } from './pint-sending-side';
import { surrenderSide } from './surrender-side';
import type { TestCarrier } from './test-carrier';
import {
  type SandboxConfig,
  type ScenarioOutcome,
  type TestedSide,
  createSandbox,
  describeFinding,
  pointSandboxAt,
  runScenario,
  scenariosOf,
  writeFrameworkReport,
} from './sandbox-runner';
import { type SandboxRelay, startSandboxRelay } from './sandbox-relay';

/**
 * DCSA's own Conformance Framework against our eBL platform (PJA, with PJB beside it): the
 * framework plays the carrier or the other platform, our platform the tested role, and every
 * scenario of each suite runs. Any check the framework does not find conformant fails the
 * suite, named by scenario, exchange and check, unless known-findings.ts lists it (with the
 * evidence in this folder's README). The framework's own report is kept for CI.
 */
const RESULTS = join(
  process.env.STACK_DIR ?? join(REPO_ROOT, '.stack'),
  'test-results',
  'conformance',
);
const SUITE_TIMEOUT_MS = 30 * 60_000;

/** DCSA's synthetic carrier's code: the carrierCode of every document it issues. */
const CONFORMANCE_CARRIER = 'MMCU';
/**
 * DCSA's synthetic sending platform: it signs as BOLE whenever the receiver is not BOLE
 * (PintSendingPlatform.generateTransactions), with its CTK_SENDER key.
 */
const PINT_SENDER = 'BOLE';
/**
 * The carrier whose surrenders the framework handles in eBL Surrender, and whose eBLs PJA
 * sends in PINT (SendingPlatform). The framework issues nothing there, so the test issues
 * its eBLs, with a key of its own.
 */
const testCarrier: TestCarrier = {
  code: 'DCSU',
  key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
};

let build: FrameworkBuild;
let framework: DcsaFramework;
let relay: SandboxRelay;
let world: EblWorld;
let carrierKey: KeyObject;
let senderKey: KeyObject;
let receiverKey: KeyObject;
const sandboxes: Record<string, SandboxConfig> = {};
const summary: Record<string, unknown> = {};

function publicKeyFile(dir: string, name: string, key: KeyObject): string {
  const file = join(dir, `${name}.pub.pem`);
  writeFileSync(file, createPublicKey(key).export({ type: 'spki', format: 'pem' }));
  return file;
}

/** A bearer token as a counterpart signs it for our platform, for the whole run. */
function counterpartToken(key: KeyObject, issuer: string, audience: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: key.asymmetricKeyType === 'rsa' ? 'RS256' : 'ES256' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime('3h')
    .sign(key);
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  build = frameworkBuild();
  const keys = frameworkKeys(build);
  carrierKey = keys.carrier;
  senderKey = keys.sender;
  receiverKey = keys.receiver;
  framework = await startFramework(build, join(RESULTS, 'framework.log'));
  relay = await startSandboxRelay();
  sandboxes.issuance = await createSandbox(framework, {
    standardName: 'eBL Issuance',
    versionNumber: '3.0.0',
    testedPartyRole: 'Platform',
  });
  sandboxes.surrender = await createSandbox(framework, {
    standardName: 'eBL Surrender',
    versionNumber: '3.0.0',
    testedPartyRole: 'Platform',
  });
  relay.absorb(sandboxes.surrender.sandboxId, '/v3/ebl-issuance-responses');
  sandboxes.pintReceiving = await createSandbox(framework, {
    standardName: 'PINT',
    versionNumber: '3.0.0',
    testedPartyRole: 'ReceivingPlatform',
  });
  sandboxes.pintSending = await createSandbox(framework, {
    standardName: 'PINT',
    versionNumber: '3.0.0',
    testedPartyRole: 'SendingPlatform',
  });
  for (const sandbox of Object.values(sandboxes)) {
    relay.allow(sandbox.sandboxId, sandbox.sandboxAuthHeaderName, sandbox.sandboxAuthHeaderValue);
  }
  const keysDir = mkdtempSync(join(tmpdir(), 'dcsa-conformance-'));
  world = await startEblWorld('http://127.0.0.1:9', {
    foreignPlatforms: [
      {
        code: PINT_SENDER,
        endpoint: relay.urlFor(sandboxes.pintReceiving.sandboxUrl),
        publicKeyFile: publicKeyFile(keysDir, 'dcsa-sender', senderKey),
      },
      {
        code: FRAMEWORK_RECEIVER,
        endpoint: relay.urlFor(sandboxes.pintSending.sandboxUrl),
        publicKeyFile: publicKeyFile(keysDir, 'dcsa-receiver', receiverKey),
      },
    ],
    foreignCarriers: [
      {
        carrierCode: CONFORMANCE_CARRIER,
        carrierCodeListProvider: 'NMFTA',
        partyId: 'carrier',
        endpoint: relay.urlFor(sandboxes.issuance.sandboxUrl),
        publicKeyFile: publicKeyFile(keysDir, 'dcsa-carrier', carrierKey),
      },
      {
        carrierCode: testCarrier.code,
        carrierCodeListProvider: 'NMFTA',
        partyId: 'carrier',
        endpoint: relay.urlFor(sandboxes.surrender.sandboxUrl),
        publicKeyFile: publicKeyFile(keysDir, 'surrender-carrier', testCarrier.key),
      },
    ],
  });
  await pointSandboxAt(framework, sandboxes.issuance, world.pja.url, {
    name: 'Authorization',
    value: `Bearer ${await counterpartToken(carrierKey, CONFORMANCE_CARRIER, world.pja.code)}`,
  });
  await pointSandboxAt(framework, sandboxes.surrender, world.pja.url, {
    name: 'Authorization',
    value: `Bearer ${await counterpartToken(testCarrier.key, testCarrier.code, world.pja.code)}`,
  });
  await pointSandboxAt(framework, sandboxes.pintReceiving, world.pja.url, {
    name: 'Authorization',
    value: `Bearer ${await counterpartToken(senderKey, PINT_SENDER, world.pja.code)}`,
  });
  // The framework's receiving platform only answers PJA; it never calls PJA.
  await pointSandboxAt(framework, sandboxes.pintSending, world.pja.url, {
    name: 'Authorization',
    value: `Bearer ${await counterpartToken(receiverKey, FRAMEWORK_RECEIVER, world.pja.code)}`,
  });
}, 10 * 60_000);

afterAll(async () => {
  writeFileSync(join(RESULTS, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await world?.stop();
  await relay?.close();
  await framework?.stop();
});

async function runSuite(name: string, sandbox: SandboxConfig, side: TestedSide): Promise<void> {
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of await scenariosOf(framework, sandbox.sandboxId)) {
    outcomes.push(await runScenario(framework, sandbox, scenario, side));
  }
  const reportFile = await writeFrameworkReport(framework, sandbox, RESULTS, `${name}.report.json`);
  const findings = outcomes.flatMap((o) => o.findings);
  const deviations = findings.filter((f) => isListed(EXPECTED_DEVIATIONS, name, f));
  const notYet = findings.filter((f) => isListed(NOT_YET_CONFORMANT, name, f));
  const unexpected = findings.filter((f) => !deviations.includes(f) && !notYet.includes(f));
  summary[name] = {
    scenarios: outcomes.length,
    checks: outcomes.reduce((sum, o) => sum + o.checks, 0),
    conformantScenarios: outcomes.filter((o) => o.report.status === 'CONFORMANT').length,
    // Scenarios stopped at an action no user can make our platform take, with the reason;
    // the checks of that action and those after it were not run.
    stoppedScenarios: outcomes.flatMap((o) =>
      o.stopped === undefined ? [] : [`${o.scenario.name} | stopped at ${o.stopped}`],
    ),
    notReachedChecks: outcomes.reduce((sum, o) => sum + o.notReached.length, 0),
    expectedDeviations: deviations.map(describeFinding),
    notYetConformant: notYet.map(describeFinding),
    report: reportFile,
    findings: findings.map(describeFinding),
  };
  expect(outcomes.length).toBeGreaterThan(0);
  expect(unexpected.map(describeFinding)).toEqual([]);
}

function suite(name: string, side: TestedSide): () => Promise<void> {
  return () => {
    const sandbox = sandboxes[name];
    if (sandbox === undefined) throw new Error(`no sandbox ${name}`);
    return runSuite(name, sandbox, side);
  };
}

describe('DCSA conformance of our eBL platform', () => {
  it(
    'eBL Issuance 3.0.0, Platform: every scenario conformant',
    suite('issuance', issuanceSide),
    SUITE_TIMEOUT_MS,
  );
  it(
    'eBL Surrender 3.0.0, Platform: every scenario conformant',
    () => suite('surrender', surrenderSide(world, testCarrier))(),
    SUITE_TIMEOUT_MS,
  );
  it(
    'PINT 3.0.0, ReceivingPlatform: every scenario conformant',
    () =>
      suite(
        'pintReceiving',
        pintReceivingSide({
          code: world.pja.code,
          certificatePem: certificateOf(world.pja.signingKey, world.pja.code),
        }),
      )(),
    SUITE_TIMEOUT_MS,
  );
  it(
    'PINT 3.0.0, SendingPlatform: every scenario conformant',
    () => {
      const sandbox = sandboxes.pintSending;
      if (sandbox === undefined) throw new Error('no sandbox pintSending');
      return suite(
        'pintSending',
        pintSendingSide(world, testCarrier, {
          endpoint: relay.urlFor(sandbox.sandboxUrl),
          lastEnvelopeSentByPja: () => relay.lastEnvelope(sandbox.sandboxId),
        }),
      )();
    },
    SUITE_TIMEOUT_MS,
  );
});
