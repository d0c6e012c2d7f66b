import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../support/sleep';
import type { DcsaFramework } from './dcsa-framework';

export interface SandboxConfig {
  sandboxId: string;
  sandboxName: string;
  sandboxUrl: string;
  sandboxAuthHeaderName: string;
  sandboxAuthHeaderValue: string;
}

/** One node of the framework's conformance report: a scenario, an exchange or a check. */
export interface SubReport {
  title: string;
  status: 'NO_TRAFFIC' | 'NON_CONFORMANT' | 'PARTIALLY_CONFORMANT' | 'CONFORMANT' | 'IRRELEVANT';
  subReports: SubReport[];
  errorMessages: string[];
}

interface ScenarioStatus {
  isRunning?: boolean;
  nextActions?: string;
  promptActionId?: string;
  promptText?: string;
  jsonForPromptText?: unknown;
  inputRequired?: boolean;
  conformanceSubReport?: SubReport;
}

export interface Scenario {
  module: string;
  id: string;
  name: string;
}

/** An action our platform cannot be made to take through its own API, and why. */
export interface Unable {
  unable: string;
}

/**
 * Our platform's side of a scenario, where the framework waits for the tested party:
 * `input` answers an action that asks for input (what the framework's ManualTestBase sends
 * with handleActionInput); `act` makes our platform do what an action asks (send a
 * surrender request, start a transfer...), through our own API, or says why no user of our
 * platform can make it do that; the scenario then stops there, and the checks it did not
 * reach stay without traffic in its report.
 */
export interface TestedSide {
  input(action: string, suggested: unknown, scenario: string): Promise<unknown>;
  act?(action: string, scenario: string): Promise<Unable | undefined>;
}

/** A check the framework did not find conformant, named by scenario, exchange and check. */
export interface Finding {
  scenario: string;
  exchange: string;
  check: string;
  status: string;
  errors: string[];
}

export interface ScenarioOutcome {
  scenario: Scenario;
  /** Set when our platform could not take an action of the scenario: which, and why. */
  stopped?: string;
  report: SubReport;
  /** Checks relevant to our role (leaves of the report not IRRELEVANT). */
  checks: number;
  /** Checks of the actions our platform took that the framework did not find conformant. */
  findings: Finding[];
  /** Checks of the action our platform could not take, and of those after it. */
  notReached: Finding[];
}

export async function createSandbox(
  framework: DcsaFramework,
  standard: { standardName: string; versionNumber: string; testedPartyRole: string },
): Promise<SandboxConfig> {
  const { sandboxId } = await framework.webui<{ sandboxId: string }>('createSandbox', {
    ...standard,
    scenarioSuite: 'Conformance',
    // The orchestrator sandbox: the framework plays the counterpart, our platform the role.
    isDefaultType: true,
    sandboxName: `Pujiang: ${standard.standardName} ${standard.versionNumber} ${standard.testedPartyRole}`,
  });
  return framework.webui<SandboxConfig>('getSandboxConfig', { sandboxId });
}

/** Points the sandbox at our platform, with the header its calls to us authenticate with. */
export async function pointSandboxAt(
  framework: DcsaFramework,
  sandbox: SandboxConfig,
  url: string,
  auth: { name: string; value: string },
): Promise<void> {
  const answer = await framework.webui('updateSandboxConfig', {
    sandboxId: sandbox.sandboxId,
    sandboxName: sandbox.sandboxName,
    externalPartyUrl: url,
    externalPartyAuthHeaderName: auth.name,
    externalPartyAuthHeaderValue: auth.value,
  });
  if ('error' in answer) throw new Error(`updateSandboxConfig: ${JSON.stringify(answer)}`);
}

export async function scenariosOf(
  framework: DcsaFramework,
  sandboxId: string,
): Promise<Scenario[]> {
  const digests = await framework.webui<
    { moduleName: string; scenarios: { id: string; name: string }[] }[]
  >('getScenarioDigests', { sandboxId });
  return digests.flatMap((digest) =>
    digest.scenarios.map((s) => ({ module: digest.moduleName, id: s.id, name: s.name })),
  );
}

const SCENARIO_TIMEOUT_MS = 120_000;
/** How long an exchange our platform owes (an asynchronous answer) may take to arrive. */
const ASYNC_EXCHANGE_MS = 30_000;

/**
 * Runs one scenario as the framework's ManualTestBase does, with our platform in place of
 * the framework's synthetic tested party: start it, answer each input prompt, let our
 * platform act where the action is ours, and complete each action once its exchanges are
 * in; then read the scenario's report.
 */
export async function runScenario(
  framework: DcsaFramework,
  sandbox: SandboxConfig,
  scenario: Scenario,
  side: TestedSide,
): Promise<ScenarioOutcome> {
  const { sandboxId } = sandbox;
  const status = () =>
    framework.webui<ScenarioStatus>('getScenarioStatus', { sandboxId, scenarioId: scenario.id });
  await expectNoError(
    framework.webui('startOrStopScenario', { sandboxId, scenarioId: scenario.id }),
  );
  const acted = new Set<string>();
  let stopped: { action: string; reason: string } | undefined;
  const deadline = Date.now() + SCENARIO_TIMEOUT_MS;
  for (;;) {
    if (Date.now() > deadline) {
      await framework.webui('startOrStopScenario', { sandboxId, scenarioId: scenario.id });
      throw new Error(`scenario "${scenario.name}" did not finish in ${SCENARIO_TIMEOUT_MS} ms`);
    }
    await waitForParties(framework, sandboxId);
    const current = await status();
    if (current.isRunning !== true) break;
    const action = (current.nextActions ?? '').split(' - ')[0] ?? '';
    const promptId = current.promptActionId;
    if (promptId !== undefined && !acted.has(promptId)) {
      acted.add(promptId);
      if (current.inputRequired === true) {
        const input = await side.input(action, current.jsonForPromptText, scenario.name);
        await expectNoError(
          framework.webui('handleActionInput', {
            sandboxId,
            scenarioId: scenario.id,
            actionId: promptId,
            actionInput: input,
          }),
        );
        continue;
      }
      const unable = side.act === undefined ? undefined : await side.act(action, scenario.name);
      if (unable !== undefined) {
        stopped = { action, reason: unable.unable };
        await expectNoError(
          framework.webui('startOrStopScenario', { sandboxId, scenarioId: scenario.id }),
        );
        break;
      }
    }
    await waitForExchanges(status, action);
    const completed = await framework.webui<{ error?: string }>('completeCurrentAction', {
      sandboxId,
      skip: false,
    });
    if (completed.error !== undefined) {
      // "A required API exchange was not yet detected": the exchange is still on its way.
      await sleep(500);
    }
  }
  const report = (await status()).conformanceSubReport;
  if (report === undefined) throw new Error(`scenario "${scenario.name}" has no report`);
  const exchanges = report.subReports;
  const reached =
    stopped === undefined
      ? exchanges.length
      : exchanges.findIndex((exchange) => exchange.title === stopped?.action);
  const part = (from: number, to: number) => ({ ...report, subReports: exchanges.slice(from, to) });
  return {
    scenario,
    ...(stopped === undefined ? {} : { stopped: `${stopped.action}: ${stopped.reason}` }),
    report,
    checks: countChecks(report),
    findings: findingsOf(scenario.name, part(0, reached < 0 ? exchanges.length : reached)),
    notReached: reached < 0 ? [] : findingsOf(scenario.name, part(reached, exchanges.length)),
  };
}

/** The framework notifies its own party and waits for it; act only once it is done. */
async function waitForParties(framework: DcsaFramework, sandboxId: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const state = JSON.stringify(await framework.webui('getSandboxStatus', { sandboxId }));
    if (state.includes('[]')) return;
    await sleep(100);
  }
  throw new Error(`sandbox ${sandboxId} kept waiting for a party`);
}

/** Until the current action has no check without traffic (an asynchronous answer we owe). */
async function waitForExchanges(
  status: () => Promise<ScenarioStatus>,
  action: string,
): Promise<void> {
  const deadline = Date.now() + ASYNC_EXCHANGE_MS;
  while (Date.now() < deadline) {
    const report = (await status()).conformanceSubReport;
    const exchange = report?.subReports.find((r) => r.title === action);
    if (exchange === undefined || !hasNoTraffic(exchange)) return;
    await sleep(500);
  }
}

function hasNoTraffic(report: SubReport): boolean {
  if (report.subReports.length === 0) return report.status === 'NO_TRAFFIC';
  return report.subReports.some(hasNoTraffic);
}

async function expectNoError(answer: Promise<Record<string, unknown>>): Promise<void> {
  const result = await answer;
  if ('error' in result) throw new Error(`framework: ${JSON.stringify(result)}`);
}

/** The leaves of a report: the individual checks. */
function leaves(report: SubReport): SubReport[] {
  return report.subReports.length === 0 ? [report] : report.subReports.flatMap(leaves);
}

export function countChecks(report: SubReport): number {
  return report.subReports.flatMap(leaves).filter((check) => check.status !== 'IRRELEVANT').length;
}

/** Every check of the scenario that is not conformant (a check without traffic is not). */
export function findingsOf(scenario: string, report: SubReport): Finding[] {
  const found: Finding[] = [];
  const walk = (node: SubReport, exchange: string, path: string[]) => {
    if (node.subReports.length === 0) {
      if (node.status !== 'CONFORMANT' && node.status !== 'IRRELEVANT') {
        found.push({
          scenario,
          exchange,
          check: [...path, node.title].join(' › '),
          status: node.status,
          errors: node.errorMessages,
        });
      }
      return;
    }
    for (const child of node.subReports) walk(child, exchange, [...path, node.title].slice(1));
  };
  for (const exchange of report.subReports) {
    if (
      exchange.subReports.length === 0 &&
      exchange.status !== 'CONFORMANT' &&
      exchange.status !== 'IRRELEVANT'
    ) {
      found.push({
        scenario,
        exchange: exchange.title,
        check: exchange.title,
        status: exchange.status,
        errors: exchange.errorMessages,
      });
      continue;
    }
    for (const check of exchange.subReports) walk(check, exchange.title, [exchange.title]);
  }
  return found;
}

export function describeFinding(f: Finding): string {
  const errors = f.errors.length === 0 ? '' : `: ${f.errors.join('; ')}`;
  return `${f.scenario} | exchange "${f.exchange}" | check "${f.check}" ${f.status}${errors}`;
}

/** The framework's own report of the sandbox (createReport, getReportContent), kept for CI. */
export async function writeFrameworkReport(
  framework: DcsaFramework,
  sandbox: SandboxConfig,
  dir: string,
  file: string,
): Promise<string> {
  await framework.webui('createReport', {
    sandboxId: sandbox.sandboxId,
    reportTitle: sandbox.sandboxName,
  });
  const digests = await framework.webui<{ isoTimestamp?: string }[]>('getReportDigests', {
    sandboxId: sandbox.sandboxId,
  });
  const reportIsoTimestamp = digests[0]?.isoTimestamp;
  if (reportIsoTimestamp === undefined)
    throw new Error(`no report digest: ${JSON.stringify(digests)}`);
  const content = await framework.webui('getReportContent', {
    sandboxId: sandbox.sandboxId,
    reportIsoTimestamp,
  });
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
  return path;
}
