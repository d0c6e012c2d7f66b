import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/stack-env';

/** Checks run on every response; see the note in test/fuzz/README.md for the ones left out. */
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'refusal_is_problem_details',
];

export interface FuzzRun {
  /** schemathesis's exit status: 0 when no check failed. */
  status: number;
  /** Its report, printed on failure so the case can be replayed. */
  output: string;
  /** Requests it sent, from its summary line. */
  requests: number;
}

export interface FuzzTarget {
  /** The service's base URL; its document is at /openapi.json unless `schema` names another. */
  url: string;
  /** An OpenAPI document on disk to check the service against (e.g. a standard's). */
  schema?: string;
  /** Sent with every request (e.g. a bearer token), as `Name: value`. */
  headers?: string[];
  /** Checks run besides CHECKS, from problem_details.py (e.g. `answers_without_a_token`). */
  extraChecks?: string[];
  /** Only the operations whose path matches. */
  pathRegex?: string;
  /** Not the operations whose path matches. */
  excludePathRegex?: string;
  /** Not these operations, each named `METHOD /path` as in the document. */
  excludeOperations?: string[];
  maxExamples: number;
  /** Fewest requests the run must make to count (default 50). */
  minRequests?: number;
}

/** The pinned Schemathesis, installed from PyPI into the tool cache on first use. */
function schemathesis(): string {
  return execFileSync('bash', [join(REPO_ROOT, 'scripts', 'fuzz', 'install-schemathesis.sh')], {
    encoding: 'utf8',
  }).trim();
}

/**
 * Runs Schemathesis against a service started in this process. Asynchronous on
 * purpose: a blocking child would stop the service it is fuzzing.
 */
export function fuzz(target: FuzzTarget): Promise<FuzzRun> {
  const args = [
    'run',
    ...(target.schema ? [target.schema, '--url', target.url] : [`${target.url}/openapi.json`]),
    '--checks',
    [...CHECKS, ...(target.extraChecks ?? [])].join(','),
    '--max-examples',
    String(target.maxExamples),
    // One worker: hypothesis's lambda descriptions are not thread-safe on
    // Python 3.11 (a SystemError from ast.parse was seen with two).
    '--workers',
    '1',
    '--request-timeout',
    '30',
    '--suppress-health-check',
    'too_slow,data_too_large,filter_too_much',
    '--no-color',
    ...(target.pathRegex ? ['--include-path-regex', target.pathRegex] : []),
    ...(target.excludePathRegex ? ['--exclude-path-regex', target.excludePathRegex] : []),
    ...(target.excludeOperations ?? []).flatMap((name) => ['--exclude-name', name]),
    ...(target.headers ?? []).flatMap((header) => ['--header', header]),
  ];
  return new Promise((resolve) => {
    execFile(
      schemathesis(),
      args,
      {
        cwd: __dirname,
        env: {
          ...process.env,
          SCHEMATHESIS_HOOKS: 'problem_details',
          PYTHONPATH: join(__dirname, '..'),
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        // The figure for the closing note and the CI log, pass or fail.
        process.stdout.write(
          `schemathesis: ${requestsIn(output)} requests to ${target.url}${target.pathRegex ? ` (${target.pathRegex})` : ''}\n`,
        );
        resolve({
          status: error ? Number((error as { code?: number }).code ?? 1) : 0,
          output,
          requests: requestsIn(output),
        });
      },
    );
  });
}

function requestsIn(output: string): number {
  const match = /Test cases:\s*(\d+) generated/.exec(output) ?? /(\d+) test cases/.exec(output);
  return match ? Number(match[1]) : 0;
}
