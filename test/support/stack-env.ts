import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

/** The environment `npm run stack:up` wrote for the services: connection strings and crypto paths. */
export function stackEnv(): Record<string, string> {
  const stackDir = process.env.STACK_DIR ?? join(REPO_ROOT, '.stack');
  const file = join(stackDir, 'env');
  if (!existsSync(file)) {
    throw new Error(`${file} not found: run "npm run stack:up" first`);
  }
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) env[match[1]] = unquote(match[2]);
  }
  return env;
}

function unquote(value: string): string {
  return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/**
 * Which identity of its organisation each service signs as (.stack/env's
 * FABRIC_ORG<n>_<identity>_CERT): its own, with the role the chaincode checks
 * (docs/decisions/0015); traceability's parties sign their grants themselves.
 */
const SERVICE_IDENTITY = {
  traceability: 'CLIENT',
  ledger: 'ANCHORER',
  ebl: 'PLATFORM',
  claims: 'INSURER',
  vessels: 'VESSELS',
  // Not an organisation's service: it reads as the regulator's inspector (regulatorLedgerEnv).
  supervision: 'REGULATOR',
} as const;

/**
 * The variables one service reads, for organisation 1 or 2 of the local
 * network, signing as its own identity. Org2's ledger and vessels services
 * (ledger-partner, vessels-partner in services.sh) keep their own databases.
 */
export function serviceEnv(
  service: keyof typeof SERVICE_IDENTITY,
  port: number,
  org: 1 | 2 = 1,
): Record<string, string> {
  const env = stackEnv();
  const pick = (key: string): string => pickFrom(env, key);
  const ledger = service === 'ledger';
  const partner = org === 2 && (ledger || service === 'vessels');
  const identity = SERVICE_IDENTITY[service];
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: pick(
      partner
        ? `${service.toUpperCase()}_PARTNER_DATABASE_URL`
        : `${service.toUpperCase()}_DATABASE_URL`,
    ),
    ...kafkaEnv(service, env),
    FABRIC_CHANNEL: pick('FABRIC_CHANNEL'),
    FABRIC_CHAINCODE: pick('FABRIC_CHAINCODE'),
    FABRIC_MSP_ID: pick(`FABRIC_ORG${org}_MSP_ID`),
    FABRIC_PEER_ENDPOINT: pick(`FABRIC_ORG${org}_PEER_ENDPOINT`),
    FABRIC_PEER_HOST_ALIAS: pick(`FABRIC_ORG${org}_PEER_HOST_ALIAS`),
    FABRIC_TLS_CA_CERT: pick(`FABRIC_ORG${org}_TLS_CA_CERT`),
    ...(identity === 'REGULATOR'
      ? regulatorLedgerEnv(env)
      : {
          FABRIC_CLIENT_CERT: pick(`FABRIC_ORG${org}_${identity}_CERT`),
          FABRIC_CLIENT_KEY: pick(`FABRIC_ORG${org}_${identity}_KEY`),
        }),
    ...identityProviderEnv(env),
    ...testRateLimits(),
    // The parties of every organisation whose grants traceability signs (dev-parties.ts).
    ...(service === 'traceability'
      ? { TRACEABILITY_DIRECTORY_FILE: pick('TRACEABILITY_DIRECTORY_FILE') }
      : {}),
    // The vessel parties of the organisation whose changes the vessels service signs.
    ...(service === 'vessels'
      ? { VESSELS_DIRECTORY_FILE: pick(`VESSELS_ORG${org}_DIRECTORY_FILE`) }
      : {}),
    ...(ledger ? evidenceSources(org) : {}),
  };
}

/**
 * Where the ledger service reads the records of an evidence bundle: as
 * services.sh runs them, unless a test that starts its own claims or
 * traceability service has pointed there already.
 */
function evidenceSources(org: 1 | 2): Record<'CLAIMS_URL' | 'TRACEABILITY_URL', string> {
  const keep = (key: string, fallback: string) => process.env[key] ?? fallback;
  return {
    CLAIMS_URL: keep('CLAIMS_URL', `http://127.0.0.1:${org === 1 ? 3004 : 3006}`),
    TRACEABILITY_URL: keep('TRACEABILITY_URL', 'http://127.0.0.1:3001'),
  };
}

/**
 * The ledger client keys (LedgerConfig) with which a service reads as the
 * regulator's inspector, through the regulator's own peer: what `npm run
 * stack:up` writes as FABRIC_REGULATOR_* (decision 0035).
 */
export function regulatorLedgerEnv(
  env: Record<string, string> = stackEnv(),
): Record<string, string> {
  const pick = (key: string): string => pickFrom(env, key);
  return {
    FABRIC_CHANNEL: pick('FABRIC_CHANNEL'),
    FABRIC_CHAINCODE: pick('FABRIC_CHAINCODE'),
    FABRIC_MSP_ID: pick('FABRIC_REGULATOR_MSP_ID'),
    FABRIC_PEER_ENDPOINT: pick('FABRIC_REGULATOR_PEER_ENDPOINT'),
    FABRIC_PEER_HOST_ALIAS: pick('FABRIC_REGULATOR_PEER_HOST_ALIAS'),
    FABRIC_TLS_CA_CERT: pick('FABRIC_REGULATOR_TLS_CA_CERT'),
    FABRIC_CLIENT_CERT: pick('FABRIC_REGULATOR_INSPECTOR_CERT'),
    FABRIC_CLIENT_KEY: pick('FABRIC_REGULATOR_INSPECTOR_KEY'),
  };
}

/**
 * Tests, fuzz runs and benchmarks send many requests from one address with
 * one token: far above the limits a service sets for real clients. A test
 * that sets a limit itself (test/e2e/abuse-limits) keeps its own.
 */
export function testRateLimits(): Record<string, string> {
  const keep = (key: string, fallback: string) => process.env[key] ?? fallback;
  return {
    RATE_LIMIT_WINDOW_SECONDS: keep('RATE_LIMIT_WINDOW_SECONDS', '60'),
    RATE_LIMIT_PUBLIC_REQUESTS: keep('RATE_LIMIT_PUBLIC_REQUESTS', '100000000'),
    RATE_LIMIT_WRITE_REQUESTS: keep('RATE_LIMIT_WRITE_REQUESTS', '100000000'),
  };
}

/**
 * How a client reaches the stack's broker as one of its Kafka users: a
 * service's own (the KafkaUser of its name in k8s/), or admin, the stack's
 * tooling. The keys of MessagingConfig.
 */
export function kafkaEnv(
  user: string,
  env: Record<string, string> = stackEnv(),
): Record<
  | 'KAFKA_BROKERS'
  | 'KAFKA_TLS_CA_FILE'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD_FILE',
  string
> {
  const prefix = `KAFKA_${user.toUpperCase()}`;
  return {
    KAFKA_BROKERS: pickFrom(env, 'KAFKA_BROKERS'),
    KAFKA_TLS_CA_FILE: pickFrom(env, 'KAFKA_TLS_CA_FILE'),
    KAFKA_SASL_MECHANISM: pickFrom(env, 'KAFKA_SASL_MECHANISM'),
    KAFKA_SASL_USERNAME: pickFrom(env, `${prefix}_USERNAME`),
    KAFKA_SASL_PASSWORD_FILE: pickFrom(env, `${prefix}_PASSWORD_FILE`),
  };
}

/**
 * How a service checks bearer tokens: the local identity provider's issuer,
 * audience and public key, so tokens from stackToken() pass. One identity
 * provider for every service, as `npm start` runs them. `npm run stack:up`
 * writes it with the local parties, once Fabric is up.
 */
export function identityProviderEnv(env: Record<string, string> = stackEnv()): {
  AUTH_JWT_ISSUER: string;
  AUTH_JWT_AUDIENCE: string;
  AUTH_JWT_PUBLIC_KEY_FILE: string;
} {
  return {
    AUTH_JWT_ISSUER: pickFrom(env, 'AUTH_JWT_ISSUER'),
    AUTH_JWT_AUDIENCE: pickFrom(env, 'AUTH_JWT_AUDIENCE'),
    AUTH_JWT_PUBLIC_KEY_FILE: pickFrom(env, 'AUTH_JWT_PUBLIC_KEY_FILE'),
  };
}

function pickFrom(env: Record<string, string>, key: string): string {
  const value = env[key];
  if (value === undefined) throw new Error(`${key} missing from the stack env`);
  return value;
}
