// @ts-check
/**
 * Layer rules of the repository, checked by `npm run lint` (dependency-cruiser).
 * Why these rules and not others: docs/decisions/0011-layer-rules.md.
 */

/**
 * The libraries and what each may import. A library missing here fails the
 * build, so a new one must declare its place in the graph; the graph must stay
 * acyclic (no-circular below catches a cycle between files as well).
 */
const LIB_DEPENDENCIES = {
  config: [],
  standards: [],
  contracts: ['standards'],
  merkle: [],
  evidence: ['epcis', 'merkle', 'standards'],
  polling: [],
  epcis: ['standards'],
  dcsa: ['standards'],
  wallet: ['contracts'],
  parties: ['contracts', 'wallet'],
  observability: ['contracts'],
  http: ['config', 'observability', 'standards'],
  auth: ['config', 'http'],
  idempotency: ['auth', 'http', 'standards'],
  'device-attestation': ['contracts', 'epcis', 'standards'],
  persistence: ['config'],
  messaging: ['config', 'contracts', 'observability', 'persistence', 'polling'],
  'ledger-client': ['config', 'contracts', 'http', 'observability', 'polling'],
  health: ['ledger-client', 'messaging'],
};

/** Libraries that talk to the outside world or to a framework: never from domain code. */
const IO_LIBS = [
  'http',
  'messaging',
  'ledger-client',
  'persistence',
  'health',
  'config',
  'auth',
  'idempotency',
  'observability',
];
/** Folders of plain TypeScript: rules with no framework and no I/O. */
const PURE_FOLDER = '(^|/)(domain|signing)/';
/** What a pure folder may import from the service or chaincode it lives in. */
const PURE_TARGET = `${PURE_FOLDER}|/testing/`;
const TESTS = '\\.(spec|int-spec|e2e-spec|fault-spec|fuzz-spec)\\.ts$|/testing/';
const alternatives = (names) => names.map((n) => n.replace(/[-]/g, '\\-')).join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one; split what they share into a third.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-are-independent',
      severity: 'error',
      comment: 'Services talk over Kafka and HTTP, never by import: shared code belongs in libs/.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'libs-do-not-import-services',
      severity: 'error',
      comment: 'A library serves the services; it never reaches into one, not even in its tests.',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'libs-ship-no-test-code',
      severity: 'error',
      comment: 'Only the tests of a library use the shared test support (test/support).',
      from: { path: '^libs/', pathNot: TESTS },
      to: { path: '^(test|bench|tools|scripts)/' },
    },
    {
      name: 'libs-are-declared',
      severity: 'error',
      comment:
        'Every library declares its dependencies in LIB_DEPENDENCIES (.dependency-cruiser.cjs).',
      from: { path: `^libs/(?!(${alternatives(Object.keys(LIB_DEPENDENCIES))})/)` },
      to: {},
    },
    ...Object.entries(LIB_DEPENDENCIES).map(([lib, allowed]) => ({
      name: `lib-${lib}-depends-only-on-declared-libs`,
      severity: /** @type {const} */ ('error'),
      comment: `libs/${lib} may import only: ${allowed.join(', ') || 'no other library'} (LIB_DEPENDENCIES).`,
      from: { path: `^libs/${lib}/` },
      to: { path: '^libs/', pathNot: `^libs/(${alternatives([lib, ...allowed])})/` },
    })),
    {
      name: 'chaincode-builds-only-shared-pure-code',
      severity: 'error',
      comment:
        'The chaincode package compiles and ships chaincode/src, libs/contracts/src/ledger, libs/standards and the device registry rules only.',
      from: { path: '^chaincode/src/' },
      to: {
        path: '^(libs|services|test|bench|tools|scripts)/',
        pathNot: '^libs/(contracts/src/ledger|standards/src|device-attestation/src/registry)/',
      },
    },
    {
      name: 'pure-code-has-no-io-library',
      severity: 'error',
      comment: `domain/ and signing/ import no I/O library (${IO_LIBS.join(', ')}).`,
      from: { path: PURE_FOLDER, pathNot: TESTS },
      to: { path: `^libs/(${alternatives(IO_LIBS)})/` },
    },
    {
      name: 'pure-code-has-no-framework',
      severity: 'error',
      comment: 'domain/ and signing/ use no framework, database, broker or ledger client.',
      from: { path: PURE_FOLDER, pathNot: TESTS },
      to: {
        path: 'node_modules/(@nestjs|typeorm|pg|kafkajs|@hyperledger|fabric-|@grpc|class-validator|class-transformer)',
      },
    },
    {
      name: 'pure-code-does-no-io',
      severity: 'error',
      comment: 'domain/ and signing/ read no files and open no sockets: adapters hand them data.',
      from: { path: PURE_FOLDER, pathNot: TESTS },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster)$',
      },
    },
    {
      name: 'kafka-is-consumed-by-the-inbox-transport',
      severity: 'error',
      comment:
        "Every Kafka consumer is an @InboxEventPattern handler (decision 0028): only InboxTransport, the module that provides it and the library's own tests use MessageConsumers.",
      from: {
        pathNot:
          '^libs/messaging/src/(inbox/inbox-transport\\.ts|messaging\\.module\\.ts|.*\\.(spec|int-spec)\\.ts)$',
      },
      to: { path: '^libs/messaging/src/inbox/message-consumers\\.ts$' },
    },
    {
      name: 'kafkajs-only-in-messaging',
      severity: 'error',
      comment:
        'Services and the other libraries reach Kafka through libs/messaging (decision 0004): the outbox to publish, @InboxEventPattern to consume.',
      from: { path: '^(services|libs)/', pathNot: `^libs/messaging/|${TESTS}` },
      to: { path: 'node_modules/kafkajs/' },
    },
    {
      name: 'pure-code-imports-no-adapter',
      severity: 'error',
      comment:
        'Adapters are everything outside domain/ (controllers, consumers, stores, services of a use case): pure code never depends on them.',
      from: { path: `^(services/[^/]+/src|chaincode/src)/.*${PURE_FOLDER}`, pathNot: TESTS },
      to: { path: '^(services/[^/]+/src|chaincode/src)/', pathNot: PURE_TARGET },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.stack|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default'],
    },
  },
};
