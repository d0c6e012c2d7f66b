import {
  KeyObject,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { issueToken } from '@pujiang/auth';
import { ClaimRecord, EblAction, EblRecord } from '@pujiang/contracts';
import { bytesChecksum } from '@pujiang/dcsa';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { ClaimsLedger } from '../../services/claims/src/claims/claims-ledger';
import { signIssuanceManifest } from '../../services/ebl/src/issuance/domain';
import {
  OutgoingEnvelope,
  TransportDocument,
  buildEnvelope,
} from '../../services/ebl/src/pint/domain';
import { outgoingTransactions } from '../../services/ebl/src/pint/pint-transactions';
import { EblPlatform } from '../../services/ebl/src/platform/ebl-platform';
import { encodeBase64Content, importSigningKey } from '../../services/ebl/src/signing';
import { dcsaPartyDescriber } from '../../services/ebl/src/transport-documents/dcsa-party';
import { EblLedger } from '../../services/ebl/src/transport-documents/ebl-ledger';
import { CarrierSystem } from '../support/carrier-system';
import { startInsurers } from '../support/claims-insurers';
import { containerNumber } from '../support/container-numbers';
import { issuanceRequest } from '../support/dcsa-documents';
import { EblWorld, RunningPlatform, startEblWorld } from '../support/ebl-platforms';
import { devPartyCode } from '../../scripts/stack/dev-parties';
import { imoCheckDigit } from '@pujiang/standards';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as SupervisionApp } from '../../services/supervision/src/app.module';
import { AppModule as VesselsApp } from '../../services/vessels/src/app.module';
import { startService } from '../support/running-service';
import { stackEnv } from '../support/stack-env';

/**
 * Every state-changing endpoint of the eBL and claims services (and Org1's
 * ledger service's evidence bundles of a claim), called by
 * every kind of wrong caller, is refused with a problem+json 401, 403 or 404
 * and changes nothing. Each row names a real resource in the state in which
 * its body would succeed for the right caller, so only the identity is wrong.
 */

const ref = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Who calls. Party tokens come from each world's identity provider; counterparts sign their own. */
type Caller =
  | 'no token'
  | 'not a JWT'
  // eBL parties (PJA is Org1, PJB is Org2); an eBL action needs the role ebl:trader.
  | 'shipper'
  | 'bank'
  | 'consignee'
  | 'forwarder'
  | 'carrier party as trader'
  | 'mallory (no such party)'
  | 'shipper without roles'
  | 'shipper as ebl:carrier'
  | 'shipper, stranger-signed'
  | 'shipper, expired'
  | 'bank, expired'
  | 'PJB consignee (Org2)'
  | 'PJB bank (Org2, same id as PJA bank)'
  // Carriers and platforms: tokens signed with their own keys, iss = code, aud = receiver.
  | 'carrier → PJA'
  | 'carrier → PJB'
  | 'carrier → PJA, expired'
  | 'carrier → PJA, stranger-signed'
  | 'PJA → PJA'
  | 'PJA → PJB'
  | 'PJA → PJB, expired'
  | 'PJA → PJB, signed by PJB'
  | 'PJB → PJA'
  | 'PJB → PJB'
  // Claims: Org1's insurer service is called; Org2 is the other insurer.
  | 'underwriter'
  | 'claimant'
  | 'surveyor'
  | 'underwriter, stranger-signed'
  | 'underwriter, expired'
  | 'underwriter, eBL identity provider'
  | 'claimant as ebl:trader'
  | 'claimant as surveyor'
  | 'surveyor as claimant'
  | 'forwarder as claimant'
  | 'Org2 underwriter'
  | 'Org2 claimant'
  | 'Org2 surveyor';

type Service = 'PJA' | 'PJB' | 'claims' | 'ledger';
type Refusal = 401 | 403 | 404;
type Row = readonly [Service, 'POST' | 'PUT', string, unknown, Caller, Refusal | 200 | 201 | 204];

/** The same request by each of several callers, all refused alike. */
const by = (
  request: readonly [Service, 'POST' | 'PUT', string, unknown],
  callers: readonly Caller[],
  status: Refusal,
): Row[] =>
  callers.map((caller): Row => [request[0], request[1], request[2], request[3], caller, status]);

/** Bearer tokens of no one these endpoints accept, whoever they claim to be. */
const ANONYMOUS: readonly Caller[] = ['no token', 'not a JWT'];
/** Party tokens at a counterpart endpoint, and counterparts that are not the one expected. */
const NOT_A_CARRIER: readonly Caller[] = [
  ...ANONYMOUS,
  'shipper',
  'carrier party as trader',
  'carrier → PJB',
  'carrier → PJA, expired',
  'carrier → PJA, stranger-signed',
  'PJA → PJA',
  'PJB → PJA',
];
const NOT_A_PLATFORM: readonly Caller[] = [
  ...ANONYMOUS,
  'PJB consignee (Org2)',
  'carrier → PJB',
  'PJA → PJA',
  'PJA → PJB, expired',
  'PJA → PJB, signed by PJB',
  'PJB → PJB',
];
/** Nobody the claims service's identity provider vouches for. */
const NO_CLAIMS_LOGIN: readonly Caller[] = [
  ...ANONYMOUS,
  'underwriter, stranger-signed',
  'underwriter, expired',
  'underwriter, eBL identity provider',
];

describe('authorisation matrix of the eBL and claims services', () => {
  const carrier = new CarrierSystem();
  let world: EblWorld;
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  /** Org1's ledger service: its evidence bundles read the claim from Org1's claims service as the caller. */
  let ledger: { app: NestFastifyApplication; url: string };
  let eblIdp: KeyObject;
  let claimsIdp: KeyObject;
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

  // Documents on PJA, all issued by the carrier PJCL to the shipper.
  const held = ref('MXH'); // ISSUED, held by the shipper
  const offered = ref('MXO'); // TRANSFER_PENDING: endorsed by the shipper to the bank
  const surrendering = ref('MXS'); // SURRENDER_FOR_DELIVERY_PENDING
  const amended = ref('MXA'); // SURRENDERED_FOR_AMENDMENT: the carrier may void it
  const neverIssued = ref('MXN'); // issuance requests for it are refused
  const neverIssuedAtPjb = ref('MXB');
  let surrenderRequestReference: string;
  let issuance: unknown;
  let issuanceAtPjb: unknown;
  /** Sent by PJA to PJB and open there, its supporting document received: ready to finish. */
  let openEnvelope: {
    reference: string;
    lastEntryChecksum: string;
    document: { checksum: string; base64: string };
  };
  /** A second envelope for the same eBL that PJB has never seen. */
  let freshEnvelope: OutgoingEnvelope;

  const actionsOf = (reference: string) => `/transport-documents/${reference}/actions`;

  // Claims at Org1's insurer.
  const policyId = `POL-${ref('')}`;
  const newPolicyId = `POL-${ref('')}`;
  const container = containerNumber('PJMU');
  let claimId: string;

  beforeAll(async () => {
    world = await startEblWorld(await carrier.start());
    // The harnesses export their environment: the identity providers' keys sign the expired tokens.
    eblIdp = createPrivateKey(readFileSync(process.env.AUTH_JWT_PRIVATE_KEY_FILE ?? ''));
    insurers = await startInsurers('http://127.0.0.1:1');
    claimsIdp = createPrivateKey(readFileSync(process.env.AUTH_JWT_PRIVATE_KEY_FILE ?? ''));
    Object.assign(process.env, {
      CLAIMS_URL: insurers.org1.url,
      TRACEABILITY_URL: 'http://127.0.0.1:1',
    });
    ledger = await startService('ledger', LedgerApp);
    await bringDocumentsIntoTheirStates();
    await openPintTransferAtPjb();
    await openClaimWithSurveyor();
  }, 600_000);

  afterAll(async () => {
    await ledger?.app.close();
    await insurers?.stop();
    await world?.stop();
    await carrier.stop();
  });

  async function bringDocumentsIntoTheirStates(): Promise<void> {
    const issueRequests = '/v3/ebl-issuance-requests';
    for (const reference of [held, offered, surrendering, amended]) {
      const request = await signedIssuance(reference, 'PJA', 'shipper', 'Jiangnan Soy Exporters');
      await expectAnswer(['PJA', 'PUT', issueRequests, request, 'carrier → PJA', 204]);
    }
    const endorse = { action: 'ENDORSE_TO_ORDER', recipientPartyId: 'bank' };
    await expectAnswer(['PJA', 'POST', actionsOf(offered), endorse, 'shipper', 200]);
    const surrender = { action: 'SURRENDER_FOR_DELIVERY' };
    await expectAnswer(['PJA', 'POST', actionsOf(surrendering), surrender, 'shipper', 200]);
    surrenderRequestReference = await surrenderRequestOf(surrendering);
    const amend = { action: 'SURRENDER_FOR_AMENDMENT', reasonCode: 'SWI' };
    await expectAnswer(['PJA', 'POST', actionsOf(amended), amend, 'shipper', 200]);
    const surr = { surrenderRequestReference: await surrenderRequestOf(amended), action: 'SURR' };
    await expectAnswer(['PJA', 'POST', '/v3/ebl-surrender-responses', surr, 'carrier → PJA', 204]);
    issuance = await signedIssuance(neverIssued, 'PJA', 'shipper', 'Jiangnan Soy Exporters');
    issuanceAtPjb = await signedIssuance(
      neverIssuedAtPjb,
      'PJB',
      'consignee',
      'Hamburg Grain Trading',
    );
  }

  /** PJA sends the held eBL to PJB with an invoice: PJB, invoice in hand, waits for the finish. */
  async function openPintTransferAtPjb(): Promise<void> {
    const invoice = Buffer.from('%PDF-1.7 commercial invoice');
    const checksum = bytesChecksum(invoice);
    const { envelope, lastEntryChecksum } = await envelopeFor(held, {
      name: 'invoice.pdf',
      size: invoice.byteLength,
      mediaType: 'application/pdf',
      documentChecksum: checksum,
    });
    const start: Row = ['PJB', 'POST', '/v3/envelopes', envelope, 'PJA → PJB', 201];
    const started = await expectAnswer(start);
    const { envelopeReference } = JSON.parse(started) as { envelopeReference: string };
    const base64 = encodeBase64Content(invoice);
    openEnvelope = {
      reference: envelopeReference,
      lastEntryChecksum,
      document: { checksum, base64 },
    };
    const upload = `/v3/envelopes/${envelopeReference}/additional-documents/${checksum}`;
    await expectAnswer(['PJB', 'PUT', upload, base64, 'PJA → PJB', 204]);
    freshEnvelope = await envelopeFor(held);
  }

  /** A claim at Org1's insurer, under assessment with a surveyor assigned. */
  async function openClaimWithSurveyor(): Promise<void> {
    await expectAnswer(['claims', 'POST', '/policies', policyBody(policyId), 'underwriter', 201]);
    const notified = await expectAnswer(['claims', 'POST', '/claims', notice(), 'claimant', 201]);
    claimId = (JSON.parse(notified) as { claim: ClaimRecord }).claim.claimId;
    const steps = `/claims/${claimId}/actions`;
    const assess = { action: 'START_ASSESSMENT' };
    await expectAnswer(['claims', 'POST', steps, assess, 'underwriter', 200]);
    const assign = { action: 'ASSIGN_SURVEYOR', surveyorPartyId: 'surveyor' };
    await expectAnswer(['claims', 'POST', steps, assign, 'underwriter', 200]);
  }

  it('refuses every wrong caller of every state-changing endpoint, and nothing changes', async () => {
    const before = await observe();
    const { held: h, offered: o, surrendering: s, amended: a } = before.ebl;
    expect([h, o, s, a].map((d) => [d.ledger?.status, d.ledger?.chain.length])).toEqual([
      ['ISSUED', 1],
      ['TRANSFER_PENDING', 2],
      ['SURRENDER_FOR_DELIVERY_PENDING', 2],
      ['SURRENDERED_FOR_AMENDMENT', 3],
    ]);
    expect([h, o, s, a].map((d) => d.record)).toEqual([h, o, s, a].map((d) => d.ledger));
    expect(before.claims.claim).toMatchObject({ status: 'SURVEYOR_ASSIGNED' });

    // Endpoints, each with a real resource and a body that would succeed for the right caller.
    const heldActions = actionsOf(held);
    const offeredActions = actionsOf(offered);
    const pintOut = `/transport-documents/${held}/pint-transfers`;
    const voidIt = `/carrier/transport-documents/${amended}/void`;
    const envelope = `/v3/envelopes/${openEnvelope.reference}`;
    const document = `${envelope}/additional-documents/${openEnvelope.document.checksum}`;
    const claim = `/claims/${claimId}`;
    const transfer = { action: 'TRANSFER', recipientPartyId: 'bank' };
    const holderActions = [
      transfer,
      { action: 'ENDORSE', recipientPartyId: 'bank' },
      { action: 'ENDORSE_TO_ORDER', recipientPartyId: 'bank' },
      { action: 'BLANK_ENDORSE' },
      { action: 'SIGN' },
      { action: 'SURRENDER_FOR_DELIVERY' },
      { action: 'SURRENDER_FOR_AMENDMENT', reasonCode: 'SWI' },
    ];
    const accept = { action: 'ACCEPT_TRANSFER' };
    const reject = { action: 'REJECT_TRANSFER', comments: 'not ours' };
    const consigneeAtPjb = devPartyCode('PJB', 'consignee');
    const receiverQuestion = { receivingPlatform: 'PJB', identifyingCode: consigneeAtPjb };
    const attachTo = `/transport-documents/${held}/supporting-documents`;
    const supportingDocument = {
      name: 'invoice.pdf',
      mediaType: 'application/pdf',
      content: Buffer.from('%PDF-1.7 invoice').toString('base64'),
    };
    const pint = {
      receivingPlatform: 'PJB',
      recipient: { partyName: 'Hamburg Grain Trading', identifyingCodes: [consigneeAtPjb] },
      actionCode: 'ENDORSE_TO_ORDER',
    };
    const surr = { surrenderRequestReference, action: 'SURR' };
    const insurerStep = { action: 'HOLD_FOR_FRAUD' };
    const surveyorStep = {
      action: 'REPORT_SURVEY',
      reportSha256: 'b'.repeat(64),
      assessedLoss: '900000',
    };
    const claimantStep = { action: 'WITHDRAW', reason: 'settled with the carrier' };
    const photo = {
      kind: 'PHOTO',
      name: 'wet-cartons.jpg',
      mediaType: 'image/jpeg',
      contentBase64: Buffer.from('not really a jpeg').toString('base64'),
    };
    const evidence = {
      kind: 'EBL_RECORD',
      transportDocumentReference: held,
      platformMspId: world.pja.mspId,
    };
    const extension = { until: day(400) };
    const bundle = { kind: 'claim', id: claimId };
    const disclosure = { fields: ['claimedAmount', 'currency'] };
    const newPolicy = policyBody(newPolicyId);

    // prettier-ignore
    const rows: Row[] = [
      // eBL: a party's action on the document the shipper holds.
      ['PJA', 'POST', heldActions, transfer, 'no token', 401],
      ['PJA', 'POST', heldActions, transfer, 'not a JWT', 401],
      ['PJA', 'POST', heldActions, transfer, 'shipper, stranger-signed', 401],
      ['PJA', 'POST', heldActions, transfer, 'shipper, expired', 401],
      ['PJA', 'POST', heldActions, transfer, 'carrier → PJA', 401],
      ['PJA', 'POST', heldActions, transfer, 'PJB → PJA', 401],
      ['PJA', 'POST', heldActions, transfer, 'shipper without roles', 403],
      ['PJA', 'POST', heldActions, transfer, 'shipper as ebl:carrier', 403],
      ['PJA', 'POST', heldActions, transfer, 'PJB consignee (Org2)', 403],
      ['PJA', 'POST', heldActions, transfer, 'PJB bank (Org2, same id as PJA bank)', 403],
      ['PJA', 'POST', heldActions, transfer, 'mallory (no such party)', 403],
      // … every holder action by a party of the document that does not hold it: the chaincode refuses;
      // by parties never part of it: the service answers as if it did not exist.
      ...holderActions.flatMap((body) => [
        ...by(['PJA', 'POST', heldActions, body], ['carrier party as trader'], 403),
        ...by(['PJA', 'POST', heldActions, body], ['bank', 'forwarder'], 404),
      ]),
      // eBL: accepting or rejecting the endorsement offered to the bank.
      ...[accept, reject].flatMap((body) => [
        ...by(['PJA', 'POST', offeredActions, body], ['no token', 'bank, expired', 'carrier → PJA'], 401),
        ...by(['PJA', 'POST', offeredActions, body], ['shipper', 'carrier party as trader'], 403),
        ...by(['PJA', 'POST', offeredActions, body], ['consignee', 'forwarder'], 404),
        ...by(['PJA', 'POST', offeredActions, body], ['PJB bank (Org2, same id as PJA bank)'], 403),
      ]),
      // eBL: sending the document to another platform.
      ...by(['PJA', 'POST', pintOut, pint], [...ANONYMOUS, 'shipper, expired', 'carrier → PJA', 'PJB → PJA'], 401),
      ...by(['PJA', 'POST', pintOut, pint], ['shipper as ebl:carrier', 'PJB consignee (Org2)'], 403),
      ...by(['PJA', 'POST', pintOut, pint], ['bank', 'forwarder', 'carrier party as trader'], 404),
      // eBL: a holder's question to another platform before sending (PINT receiver validation).
      ...by(['PJA', 'POST', '/pint-receiver-validations', receiverQuestion], [...ANONYMOUS, 'shipper, expired', 'carrier → PJA', 'PJB → PJA'], 401),
      ...by(['PJA', 'POST', '/pint-receiver-validations', receiverQuestion], ['shipper as ebl:carrier', 'PJB consignee (Org2)'], 403),
      // eBL: the holder's additional documents, and its retry of a transfer without an answer.
      ...by(['PJA', 'POST', attachTo, supportingDocument], [...ANONYMOUS, 'shipper, expired', 'carrier → PJA', 'PJB → PJA'], 401),
      ...by(['PJA', 'POST', attachTo, supportingDocument], ['shipper as ebl:carrier', 'PJB consignee (Org2)'], 403),
      ...by(['PJA', 'POST', attachTo, supportingDocument], ['bank', 'forwarder', 'carrier party as trader'], 404),
      ...by(['PJA', 'POST', `${pintOut}/retry`, undefined], [...ANONYMOUS, 'shipper, expired', 'carrier → PJA', 'PJB → PJA'], 401),
      ...by(['PJA', 'POST', `${pintOut}/retry`, undefined], ['shipper as ebl:carrier', 'PJB consignee (Org2)'], 403),
      ...by(['PJA', 'POST', `${pintOut}/retry`, undefined], ['bank', 'forwarder', 'carrier party as trader'], 404),
      // eBL: what only the issuing carrier does.
      ...by(['PJA', 'PUT', '/v3/ebl-issuance-requests', issuance], NOT_A_CARRIER, 401),
      ...by(['PJB', 'PUT', '/v3/ebl-issuance-requests', issuanceAtPjb], ['carrier → PJB', 'PJA → PJB, expired'], 401),
      ...by(['PJA', 'POST', '/v3/ebl-surrender-responses', surr], NOT_A_CARRIER, 401),
      ...by(['PJA', 'POST', voidIt, {}], NOT_A_CARRIER, 401),
      // eBL: what only another platform does (PINT from PJA, received at PJB).
      ...by(['PJB', 'POST', '/v3/envelopes', freshEnvelope.envelope], NOT_A_PLATFORM, 401),
      ...by(['PJB', 'PUT', document, openEnvelope.document.base64], NOT_A_PLATFORM, 401),
      ...by(['PJB', 'PUT', `${envelope}/finish-transfer`, undefined], NOT_A_PLATFORM, 401),
      ...by(['PJB', 'POST', '/v3/receiver-validation', consigneeAtPjb], NOT_A_PLATFORM, 401),
      // Claims: policies are the insurer's.
      ...by(['claims', 'POST', '/policies', newPolicy], NO_CLAIMS_LOGIN, 401),
      ...by(['claims', 'POST', '/policies', newPolicy], ['claimant', 'surveyor', 'Org2 underwriter'], 403),
      // Claims: the notice of loss is the claimant's.
      ...by(['claims', 'POST', '/claims', notice()], NO_CLAIMS_LOGIN, 401),
      ...by(['claims', 'POST', '/claims', notice()], ['underwriter', 'surveyor', 'claimant as ebl:trader'], 403),
      ...by(['claims', 'POST', '/claims', notice()], ['Org2 claimant', 'forwarder as claimant', 'surveyor as claimant'], 403),
      // Claims: the insurer's, the surveyor's and the claimant's steps, each taken by the others.
      ...by(['claims', 'POST', `${claim}/actions`, insurerStep], NO_CLAIMS_LOGIN, 401),
      ...by(['claims', 'POST', `${claim}/actions`, insurerStep], ['claimant', 'surveyor', 'claimant as ebl:trader'], 403),
      // Another insurer's parties with the same directory ids do not even see the claim.
      ...by(['claims', 'POST', `${claim}/actions`, insurerStep], ['Org2 claimant'], 404),
      ...by(['claims', 'POST', `${claim}/actions`, insurerStep], ['Org2 underwriter', 'forwarder as claimant'], 404),
      ...by(['claims', 'POST', `${claim}/actions`, surveyorStep], ['claimant', 'underwriter'], 403),
      ...by(['claims', 'POST', `${claim}/actions`, surveyorStep], ['Org2 surveyor'], 404),
      ...by(['claims', 'POST', `${claim}/actions`, surveyorStep], ['claimant as surveyor'], 404),
      ...by(['claims', 'POST', `${claim}/actions`, claimantStep], ['underwriter', 'surveyor'], 403),
      ...by(['claims', 'POST', `${claim}/actions`, claimantStep], ['Org2 claimant'], 404),
      ...by(['claims', 'POST', `${claim}/actions`, claimantStep], ['forwarder as claimant', 'surveyor as claimant'], 404),
      // Claims: the claim file.
      ...by(['claims', 'POST', `${claim}/documents`, photo], NO_CLAIMS_LOGIN, 401),
      ...by(['claims', 'POST', `${claim}/documents`, photo], ['claimant as ebl:trader'], 403),
      ...by(['claims', 'POST', `${claim}/documents`, photo], ['Org2 claimant', 'Org2 surveyor'], 404),
      ...by(['claims', 'POST', `${claim}/documents`, photo], ['Org2 underwriter', 'forwarder as claimant', 'claimant as surveyor'], 404),
      ...by(['claims', 'POST', `${claim}/evidence`, evidence], NO_CLAIMS_LOGIN, 401),
      ...by(['claims', 'POST', `${claim}/evidence`, evidence], ['claimant as ebl:trader'], 403),
      ...by(['claims', 'POST', `${claim}/evidence`, evidence], ['Org2 claimant', 'Org2 surveyor'], 404),
      ...by(['claims', 'POST', `${claim}/evidence`, evidence], ['Org2 underwriter', 'forwarder as claimant', 'claimant as surveyor'], 404),
      ...by(['claims', 'POST', `${claim}/suit-extensions`, extension], NO_CLAIMS_LOGIN, 401),
      ...by(['claims', 'POST', `${claim}/suit-extensions`, extension], ['claimant', 'surveyor'], 403),
      ...by(['claims', 'POST', `${claim}/suit-extensions`, extension], ['Org2 underwriter'], 404),
      // Ledger: a claim's evidence bundle is for the claim's parties, as the claims service says.
      ...by(['ledger', 'POST', '/evidence-bundles', bundle], NO_CLAIMS_LOGIN, 401),
      ...by(['ledger', 'POST', '/evidence-bundles', bundle], ['claimant as ebl:trader'], 403),
      ...by(['ledger', 'POST', '/evidence-bundles', bundle], ['Org2 underwriter', 'Org2 claimant', 'forwarder as claimant'], 404),
      ...by(['claims', 'POST', `${claim}/disclosures`, disclosure], NO_CLAIMS_LOGIN, 401),
      ...by(['claims', 'POST', `${claim}/disclosures`, disclosure], ['claimant', 'surveyor', 'claimant as ebl:trader'], 403),
      ...by(['claims', 'POST', `${claim}/disclosures`, disclosure], ['Org2 underwriter'], 404),
    ];

    expect(await unexpectedAnswers(rows)).toEqual([]);
    expect(await observe()).toEqual(before);

    // Controls, after the fact: the same requests by their rightful callers go through, so each
    // refusal above was about the caller, not the request. Requests that are alternatives to these
    // (HOLD_FOR_FRAUD, the other holder actions, the fresh envelope) are left out.
    // prettier-ignore
    const controls: Row[] = [
      ['ledger', 'POST', '/evidence-bundles', bundle, 'claimant', 201],
      ['ledger', 'POST', '/evidence-bundles', bundle, 'underwriter', 201],
      ['PJA', 'POST', heldActions, { action: 'SIGN' }, 'shipper', 200],
      ['PJA', 'POST', offeredActions, accept, 'bank', 200],
      ['PJA', 'PUT', '/v3/ebl-issuance-requests', issuance, 'carrier → PJA', 204],
      ['PJA', 'POST', '/v3/ebl-surrender-responses', surr, 'carrier → PJA', 204],
      ['PJA', 'POST', voidIt, {}, 'carrier → PJA', 200],
      ['PJB', 'POST', '/v3/receiver-validation', consigneeAtPjb, 'PJA → PJB', 200],
      ['PJA', 'POST', '/pint-receiver-validations', receiverQuestion, 'shipper', 200],
      ['PJA', 'POST', attachTo, supportingDocument, 'shipper', 201],
      ['PJB', 'PUT', document, openEnvelope.document.base64, 'PJA → PJB', 204],
      ['claims', 'POST', '/policies', newPolicy, 'underwriter', 201],
      ['claims', 'POST', `${claim}/documents`, photo, 'claimant', 201],
      ['claims', 'POST', `${claim}/evidence`, evidence, 'claimant', 201],
      ['claims', 'POST', `${claim}/suit-extensions`, extension, 'underwriter', 204],
      ['claims', 'POST', `${claim}/disclosures`, disclosure, 'underwriter', 201],
      ['claims', 'POST', `${claim}/actions`, surveyorStep, 'surveyor', 200],
      ['claims', 'POST', `${claim}/actions`, claimantStep, 'claimant', 200],
      ['claims', 'POST', '/claims', notice(), 'claimant', 201],
    ];
    expect(await unexpectedAnswers(controls)).toEqual([]);
    // PJB imports only a bill whose record on PJA is on its way to PJB: the shipper starts the
    // export of that envelope on the ledger, as PJA's sender does before it delivers it.
    await exportToPjb(held, openEnvelope.lastEntryChecksum);
    const finish: Row = ['PJB', 'PUT', `${envelope}/finish-transfer`, undefined, 'PJA → PJB', 200];
    expect(await unexpectedAnswers([finish])).toEqual([]);
  }, 900_000);

  async function exportToPjb(reference: string, envelopeChecksum: string): Promise<void> {
    const shipper = world.pja.app.get(EblPlatform).parties.party('shipper');
    if (shipper === undefined) throw new Error('no shipper on PJA');
    const to = {
      partyName: 'Hamburg Grain Trading',
      eblPlatform: 'PJB',
      identifyingCodes: [devPartyCode('PJB', 'consignee')],
    };
    await world.pja.app
      .get(EblLedger)
      .act(shipper, reference, EblAction.startExport, JSON.stringify(to), envelopeChecksum);
  }

  /** Sends each row as its caller; lists the answers that are not the expected status (and problem+json for refusals). */
  async function unexpectedAnswers(rows: readonly Row[]): Promise<string[]> {
    const unexpected: string[] = [];
    for (const [service, method, path, body, caller, status] of rows) {
      const res = await call(service, method, path, body, caller);
      const problem = res.contentType.startsWith('application/problem+json');
      if (res.status !== status || (status >= 400 && !problem)) {
        const answer = `${res.status} ${res.contentType} ${res.text.slice(0, 300)}`;
        unexpected.push(
          `${service} ${method} ${path} as ${caller}: ${answer} (expected ${status})`,
        );
      }
    }
    return unexpected;
  }

  /** Everything a wrong caller could have changed, read as the rightful parties and from the ledger. */
  async function observe() {
    const pjaDb = world.pja.app.get(DataSource);
    const pjbDb = world.pjb.app.get(DataSource);
    const claimsDb = insurers.org1.app.get(DataSource);
    const eblLedger = world.pja.app.get(EblLedger);
    const claimsLedger = insurers.org1.app.get(ClaimsLedger);
    const document = async (reference: string) => ({
      record: await viewAs(world.pja, 'shipper', reference),
      ledger: await eblLedger.read(reference),
    });
    const claimView = await call('claims', 'GET', `/claims/${claimId}`, undefined, 'underwriter');
    const claims = await call('claims', 'GET', '/claims', undefined, 'underwriter');
    const newPolicy = await call(
      'claims',
      'GET',
      `/policies/${newPolicyId}`,
      undefined,
      'underwriter',
    );
    const carrierView = await call(
      'PJA',
      'GET',
      `/carrier/transport-documents/${neverIssued}`,
      undefined,
      'carrier → PJA',
    );
    return {
      ebl: {
        held: await document(held),
        offered: await document(offered),
        surrendering: await document(surrendering),
        amended: await document(amended),
        neverIssued: {
          asShipper: await viewAs(world.pja, 'shipper', neverIssued),
          asCarrier: carrierView.status,
          requests: await pjaDb.query(
            `SELECT outcome FROM issuance_request WHERE transport_document_reference = ANY($1)`,
            [[neverIssued, neverIssuedAtPjb]],
          ),
          atCarrier: carrier.calls.filter((c) =>
            JSON.stringify(c.body ?? null).includes(neverIssued),
          ).length,
        },
        surrenderRequests: await pjaDb.query(
          `SELECT transport_document_reference, status FROM surrender_request
            WHERE transport_document_reference = ANY($1) ORDER BY transport_document_reference`,
          [[surrendering, amended, held]],
        ),
        atPjb: {
          asConsignee: await viewAs(world.pjb, 'consignee', held),
          neverIssued: await viewAs(world.pjb, 'consignee', neverIssuedAtPjb),
          envelopes: await pjbDb.query(
            `SELECT envelope_reference, state FROM incoming_envelope WHERE transport_document_reference = $1`,
            [held],
          ),
          documents: await pjbDb.query(
            `SELECT document_checksum FROM incoming_document WHERE envelope_reference = $1`,
            [openEnvelope.reference],
          ),
        },
      },
      claims: {
        claim: (JSON.parse(claimView.text) as { claim: ClaimRecord }).claim,
        onLedger: await claimsLedger.readClaim(claimId),
        disclosures: (await claimsLedger.readClaimStub(claimId))?.disclosures ?? [],
        facts: await claimsDb.query(`SELECT facts FROM claim_state WHERE claim_id = $1`, [claimId]),
        files: await claimsDb.query(
          `SELECT sha256, kind FROM claim_document WHERE claim_id = $1 ORDER BY sha256`,
          [claimId],
        ),
        onPolicy: (JSON.parse(claims.text) as { claims: ClaimRecord[] }).claims
          .filter((c) => c.policyId === policyId)
          .map((c) => c.claimId),
        newPolicy: {
          status: newPolicy.status,
          onLedger: await claimsLedger.readPolicy(newPolicyId),
        },
      },
    };
  }

  async function credential(caller: Caller): Promise<string | undefined> {
    const { pja, pjb } = world;
    const [ins1, ins2] = [insurers.org1, insurers.org2];
    const issuer = process.env.AUTH_JWT_ISSUER ?? '';
    const audience = process.env.AUTH_JWT_AUDIENCE ?? '';
    const party = (key: KeyObject, id: string, organisation: string, roles: string[], ttl = 600) =>
      issueToken(key, { party: id, organisation, roles, issuer, audience, ttl });
    const counterpart = (
      key: KeyObject,
      from: string,
      to: string,
      expiresAt: string | number = '2m',
    ) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(from)
        .setAudience(to)
        .setExpirationTime(expiresAt)
        .sign(key);
    const past = Math.floor(Date.now() / 1000) - 120;
    switch (caller) {
      case 'no token':
        return undefined;
      case 'not a JWT':
        return 'not.a.jwt';
      case 'shipper':
      case 'bank':
      case 'consignee':
      case 'forwarder':
        return pja.tokenFor(caller);
      case 'carrier party as trader':
        return pja.tokenFor('carrier');
      case 'mallory (no such party)':
        return pja.tokenFor('mallory');
      case 'shipper without roles':
        return pja.tokenFor('shipper', []);
      case 'shipper as ebl:carrier':
        return pja.tokenFor('shipper', ['ebl:carrier']);
      case 'shipper, stranger-signed':
        return party(stranger, 'shipper', pja.mspId, ['ebl:trader']);
      case 'shipper, expired':
        return party(eblIdp, 'shipper', pja.mspId, ['ebl:trader'], -120);
      case 'bank, expired':
        return party(eblIdp, 'bank', pja.mspId, ['ebl:trader'], -120);
      case 'PJB consignee (Org2)':
        return pjb.tokenFor('consignee');
      case 'PJB bank (Org2, same id as PJA bank)':
        return pjb.tokenFor('bank');
      case 'carrier → PJA':
        return world.carrierToken('PJA');
      case 'carrier → PJB':
        return world.carrierToken('PJB');
      case 'carrier → PJA, expired':
        return counterpart(world.carrierKey, world.carrierCode, 'PJA', past);
      case 'carrier → PJA, stranger-signed':
        return counterpart(stranger, world.carrierCode, 'PJA');
      case 'PJA → PJA':
        return world.platformToken(pja, 'PJA');
      case 'PJA → PJB':
        return world.platformToken(pja, 'PJB');
      case 'PJA → PJB, expired':
        return counterpart(pja.signingKey, 'PJA', 'PJB', past);
      case 'PJA → PJB, signed by PJB':
        return counterpart(pjb.signingKey, 'PJA', 'PJB');
      case 'PJB → PJA':
        return world.platformToken(pjb, 'PJA');
      case 'PJB → PJB':
        return world.platformToken(pjb, 'PJB');
      case 'underwriter':
        return ins1.insurerToken();
      case 'claimant':
        return ins1.tokenFor('consignee', ['claims:claimant']);
      case 'surveyor':
        return ins1.tokenFor('surveyor', ['claims:surveyor']);
      case 'underwriter, stranger-signed':
        return party(stranger, 'underwriter-1', ins1.mspId, ['claims:insurer']);
      case 'underwriter, expired':
        return party(claimsIdp, 'underwriter-1', ins1.mspId, ['claims:insurer'], -120);
      case 'underwriter, eBL identity provider':
        return party(eblIdp, 'underwriter-1', ins1.mspId, ['claims:insurer']);
      case 'claimant as ebl:trader':
        return ins1.tokenFor('consignee', ['ebl:trader']);
      case 'claimant as surveyor':
        return ins1.tokenFor('consignee', ['claims:surveyor']);
      case 'surveyor as claimant':
        return ins1.tokenFor('surveyor', ['claims:claimant']);
      case 'forwarder as claimant':
        return ins1.tokenFor('forwarder', ['claims:claimant']);
      case 'Org2 underwriter':
        return ins2.insurerToken();
      case 'Org2 claimant':
        return ins2.tokenFor('consignee', ['claims:claimant']);
      case 'Org2 surveyor':
        return ins2.tokenFor('surveyor', ['claims:surveyor']);
    }
  }

  async function send(
    service: Service,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    bearer: string | undefined,
  ): Promise<{ status: number; contentType: string; text: string }> {
    const base = {
      PJA: world.pja.url,
      PJB: world.pjb.url,
      claims: insurers.org1.url,
      ledger: ledger.url,
    }[service];
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      text: await res.text(),
    };
  }

  async function call(
    service: Service,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    caller: Caller,
  ): Promise<{ status: number; contentType: string; text: string }> {
    return send(service, method, path, body, await credential(caller));
  }

  /** Sends a row's request as its caller, expects the row's status, and returns the answer. */
  async function expectAnswer(row: Row): Promise<string> {
    const [service, method, path, body, caller, status] = row;
    const res = await call(service, method, path, body, caller);
    const request = `${service} ${method} ${path} as ${caller}`;
    expect({ request, status: res.status, text: res.text }).toMatchObject({ request, status });
    return res.text;
  }

  async function viewAs(
    platform: RunningPlatform,
    partyId: string,
    reference: string,
  ): Promise<EblRecord | number> {
    const res = await fetch(`${platform.url}/transport-documents/${reference}`, {
      headers: { authorization: `Bearer ${await platform.tokenFor(partyId)}` },
    });
    return res.status === 200 ? ((await res.json()) as { record: EblRecord }).record : res.status;
  }

  async function signedIssuance(
    reference: string,
    platformCode: string,
    issueTo: string,
    issueToName: string,
  ) {
    const unsigned = issuanceRequest({
      reference,
      isToOrder: true,
      carrierCode: world.carrierCode,
      platformCode,
      issueTo,
      issueToName,
    });
    return signIssuanceManifest(
      unsigned as unknown as Parameters<typeof signIssuanceManifest>[0],
      await importSigningKey(world.carrierKey),
    );
  }

  async function surrenderRequestOf(reference: string): Promise<string> {
    const rows: { surrender_request_reference: string }[] = await world.pja.app
      .get(DataSource)
      .query(
        `SELECT surrender_request_reference FROM surrender_request
          WHERE transport_document_reference = $1 AND status = 'REQUESTED'`,
        [reference],
      );
    const row = rows[0];
    if (row === undefined) throw new Error(`no open surrender request for ${reference}`);
    return row.surrender_request_reference;
  }

  /** The envelope PJA's PintSender would send for the shipper's transfer of `reference` to PJB's consignee. */
  async function envelopeFor(
    reference: string,
    supportingDocument?: {
      name: string;
      size: number;
      mediaType: string;
      documentChecksum: string;
    },
  ): Promise<OutgoingEnvelope> {
    const rows: { document: TransportDocument; issuance_manifest_signed_content: string }[] =
      await world.pja.app.get(DataSource).query(
        `SELECT document, issuance_manifest_signed_content FROM transport_document
          WHERE transport_document_reference = $1`,
        [reference],
      );
    const stored = rows[0];
    const record = await world.pja.app.get(EblLedger).read(reference);
    if (stored === undefined || record === undefined) throw new Error(`${reference} is not on PJA`);
    const describe = dcsaPartyDescriber(world.pja.app.get(EblPlatform));
    return buildEnvelope({
      transportDocument: stored.document,
      previousChain: [],
      issuanceManifestSignedContent: stored.issuance_manifest_signed_content,
      transactions: outgoingTransactions(record, describe, {
        actionCode: 'TRANSFER',
        actor: describe(record.holder),
        recipient: {
          partyName: 'Hamburg Grain Trading',
          eblPlatform: 'PJB',
          identifyingCodes: [devPartyCode('PJB', 'consignee')],
        },
        actionDateTime: new Date().toISOString(),
      }),
      ...(supportingDocument === undefined ? {} : { supportingDocuments: [supportingDocument] }),
      sendingPlatform: 'PJA',
      signingKey: await importSigningKey(world.pja.signingKey),
    });
  }

  function policyBody(id: string) {
    return {
      policyId: id,
      kind: 'CERTIFICATE',
      clause: 'ICC_A',
      insuredPartyId: 'consignee',
      currency: 'USD',
      period: { from: day(-30), to: day(30) },
      shipment: { eblReference: held, containers: [container], lots: [] },
      parametricTriggers: [],
      amounts: { sumInsured: '5000000', premium: '25000', deductible: '100000' },
    };
  }

  function notice() {
    return {
      policyId,
      peril: 'WATER_DAMAGE',
      lossDate: day(-3),
      discoveredDate: day(-2),
      place: 'CNSHA',
      containers: [container],
      eblReference: held,
      claimedAmount: '1200000',
      currency: 'USD',
      deliveredAt: day(-2),
    };
  }
});

/**
 * Every state-changing route of the vessels service (issue 21), called by every
 * kind of wrong caller: anonymous, expired or stranger-signed tokens get 401;
 * the wrong role, a party of another organisation or none in the directory,
 * and a party with the route's role but not entitled to this vessel (refused
 * by the chaincode) get 403, problem+json, and the vessel is unchanged.
 */
describe('authorisation matrix of the vessels service', () => {
  type VesselCaller =
    | 'no token'
    | 'not a JWT'
    | 'registry, expired'
    | 'registry, stranger-signed'
    | 'registry'
    | 'owner'
    | 'manager'
    | 'insurer'
    | 'mallory as flag state'
    | 'Org2 owner at Org1'
    | 'class society'
    | 'Org2 owner'
    | 'Org2 manager'
    | 'war-risk lists';
  const ORG2_CALLERS: readonly VesselCaller[] = ['class society', 'Org2 owner', 'Org2 manager'];
  const CALLERS: readonly VesselCaller[] = [
    'no token',
    'not a JWT',
    'registry, expired',
    'registry, stranger-signed',
    'registry',
    'owner',
    'manager',
    'insurer',
    'mallory as flag state',
    'Org2 owner at Org1',
    'war-risk lists',
    ...ORG2_CALLERS,
  ];
  const UNAUTHENTICATED: readonly VesselCaller[] = CALLERS.slice(0, 4);
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  let org1: { app: { close(): Promise<void> }; url: string };
  let org2: { app: { close(): Promise<void> }; url: string };
  const imo = (() => {
    const stem = String(100_000 + (randomBytes(4).readUInt32BE() % 900_000));
    return `${stem}${imoCheckDigit(stem)}`;
  })();
  const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  async function tokenOf(caller: VesselCaller): Promise<string | undefined> {
    const env = stackEnv();
    const idp = createPrivateKey(readFileSync(env.AUTH_JWT_PRIVATE_KEY_FILE ?? ''));
    const sign = (key: KeyObject, party: string, organisation: string, role: string, ttl = 600) =>
      issueToken(key, {
        party,
        organisation,
        roles: [`vessels:${role}`],
        issuer: env.AUTH_JWT_ISSUER ?? '',
        audience: env.AUTH_JWT_AUDIENCE ?? '',
        ttl,
      });
    switch (caller) {
      case 'no token':
        return undefined;
      case 'not a JWT':
        return 'not.a.jwt';
      case 'registry, expired':
        return sign(idp, 'registry', 'Org1MSP', 'flag-state', -120);
      case 'registry, stranger-signed':
        return sign(stranger, 'registry', 'Org1MSP', 'flag-state');
      case 'registry':
        return sign(idp, 'registry', 'Org1MSP', 'flag-state');
      case 'owner':
        return sign(idp, 'owner', 'Org1MSP', 'owner');
      case 'manager':
        return sign(idp, 'manager', 'Org1MSP', 'manager');
      case 'insurer':
        return sign(idp, 'insurer', 'Org1MSP', 'insurer');
      case 'mallory as flag state':
        return sign(idp, 'mallory', 'Org1MSP', 'flag-state');
      case 'Org2 owner at Org1':
        return sign(idp, 'owner', 'Org2MSP', 'owner');
      case 'class society':
        return sign(idp, 'class-society', 'Org2MSP', 'class-society');
      case 'Org2 owner':
        return sign(idp, 'owner', 'Org2MSP', 'owner');
      case 'Org2 manager':
        return sign(idp, 'manager', 'Org2MSP', 'manager');
      case 'war-risk lists':
        return sign(idp, 'war-risk-lists', 'Org1MSP', 'war-risk-lists');
    }
  }

  async function call(
    caller: VesselCaller,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ) {
    const base = ORG2_CALLERS.includes(caller) ? org2.url : org1.url;
    const token = await tokenOf(caller);
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      text: await res.text(),
    };
  }

  const certificate = (kind: string) => ({
    kind,
    certificateNumber: `${kind}-${imo}`,
    documentSha256: 'ab'.repeat(32),
    validFrom: at(-10),
    validUntil: at(300),
  });
  /** Each route with a body its rightful callers would succeed with. */
  const ROUTES: { path: string; body: unknown; rightful: readonly VesselCaller[] }[] = [
    {
      path: '/vessels',
      body: {
        imoNumber: imo,
        name: 'Matrix Pioneer',
        grossTonnage: 30000,
        portOfRegistry: 'Panama',
        owner: { mspId: 'Org1MSP', name: 'Huangpu Bulk Shipping Co.' },
      },
      rightful: [],
    },
    {
      path: `/vessels/${imo}/registration-amendments`,
      body: { name: 'X' },
      rightful: ['registry'],
    },
    { path: `/vessels/${imo}/deregistration`, body: {}, rightful: ['registry'] },
    {
      path: `/vessels/${imo}/ownership-transfers`,
      body: { party: { mspId: 'Org2MSP', name: 'Elbe Tramp Owners GmbH' } },
      rightful: ['owner'],
    },
    {
      path: `/vessels/${imo}/manager-appointments`,
      body: { party: { mspId: 'Org2MSP', name: 'Elbe Crew Management GmbH' } },
      rightful: ['owner'],
    },
    {
      path: `/vessels/${imo}/class-changes`,
      body: { action: 'SUSPEND_CLASS' },
      rightful: ['class society'],
    },
    {
      path: `/vessels/${imo}/certificates`,
      body: certificate('ISM'),
      rightful: ['registry', 'class society'],
    },
    {
      path: `/vessels/${imo}/certificates/CLASS/CLASS-${imo}/withdrawal`,
      body: {},
      rightful: ['class society'],
    },
    {
      path: `/vessels/${imo}/crew-lists`,
      body: {
        voyageId: `V-${imo}`,
        from: at(-1),
        crew: [{ seafarerId: 'cd'.repeat(32), rank: 'MASTER' }],
      },
      rightful: ['manager'],
    },
    {
      path: '/seafarer-certificates',
      body: {
        identitySalt: 'ab'.repeat(32),
        identityDocument: 'P0000001',
        familyName: 'Santos',
        givenNames: 'Maria',
        dateOfBirth: '1979-04-12',
        nationality: 'PH',
        certificateRef: `MED-${imo}`,
        kind: 'MEDICAL_FITNESS',
        validFrom: at(-10),
        validUntil: at(300),
        certificateNumber: 'PH-MED-1',
        issuingAuthority: 'MARINA',
      },
      rightful: ['manager', 'Org2 manager'],
    },
  ];

  beforeAll(async () => {
    org1 = await startService('vessels', VesselsApp, 1);
    org2 = await startService('vessels', VesselsApp, 2);
    const setUp: [VesselCaller, string, unknown][] = [
      ['registry', '/vessels', (ROUTES[0] as { body: unknown }).body],
      [
        'owner',
        `/vessels/${imo}/manager-appointments`,
        { party: { mspId: 'Org1MSP', name: 'Huangpu Ship Management Ltd.' } },
      ],
      [
        'class society',
        `/vessels/${imo}/class-changes`,
        { action: 'ASSIGN_CLASS', society: 'Elbe Register of Shipping' },
      ],
      ['class society', `/vessels/${imo}/certificates`, certificate('CLASS')],
    ];
    for (const [caller, path, body] of setUp) {
      const res = await call(caller, 'POST', path, body);
      expect({ path, status: res.status, text: res.text }).toMatchObject({ path, status: 201 });
    }
  }, 300_000);

  afterAll(async () => {
    await org1?.app.close();
    await org2?.app.close();
  });

  it('refuses every wrong caller of every route with a problem, and the vessel stays as it was', async () => {
    const before = await call('insurer', 'GET', `/vessels/${imo}`);
    expect(before.status).toBe(200);
    const unexpected: string[] = [];
    for (const route of ROUTES) {
      for (const caller of CALLERS.filter((c) => !route.rightful.includes(c))) {
        // Registering the vessel again is ALREADY_EXISTS for the flag state: not an identity refusal.
        if (route.path === '/vessels' && caller === 'registry') continue;
        const expected = UNAUTHENTICATED.includes(caller) ? 401 : 403;
        const res = await call(caller, 'POST', route.path, route.body);
        const problem = res.contentType.startsWith('application/problem+json');
        if (res.status !== expected || !problem) {
          unexpected.push(
            `POST ${route.path} as ${caller}: ${res.status} ${res.text.slice(0, 160)}`,
          );
        }
      }
    }
    expect(unexpected).toEqual([]);
    const after = await call('insurer', 'GET', `/vessels/${imo}`);
    expect(after.text).toBe(before.text);
  }, 600_000);

  /**
   * The area register's routes (decision 0033), each with the callers who keep what it
   * writes. Its areas lie in the South Atlantic, where no other story sails.
   */
  const box = (west: number, south: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [west + 1, south],
        [west + 1, south + 1],
        [west, south + 1],
        [west, south],
      ],
    ],
  });
  const AREA_ROUTES: { path: string; read: string; body: unknown; rightful: VesselCaller }[] = [
    {
      path: `/areas/MX-WAR-${imo}`,
      read: `/areas/MX-WAR-${imo}`,
      body: { kind: 'WAR_RISK', name: 'Matrix war-risk area', geometry: box(-30, -40) },
      rightful: 'war-risk lists',
    },
    {
      path: `/areas/MX-IWL-${imo}`,
      read: `/areas/MX-IWL-${imo}`,
      body: { kind: 'TRADING_LIMITS', name: 'Matrix trading limits', geometry: box(-28, -40) },
      rightful: 'insurer',
    },
    {
      path: `/areas/MX-PORT-${imo}`,
      read: `/areas/MX-PORT-${imo}`,
      body: { kind: 'PORT', name: 'Matrix port', geometry: box(-26, -40) },
      rightful: 'insurer',
    },
    {
      path: `/vessels/${imo}/trading-limits`,
      read: `/vessels/${imo}/trading-limits`,
      body: { areaIds: [`MX-IWL-${imo}`] },
      rightful: 'insurer',
    },
  ];

  it('refuses every wrong keeper of the area register with a problem, and the register stays as it was', async () => {
    const unexpected: string[] = [];
    for (const route of AREA_ROUTES) {
      const before = await call('insurer', 'GET', route.read);
      for (const caller of CALLERS.filter((c) => c !== route.rightful)) {
        const expected = UNAUTHENTICATED.includes(caller) ? 401 : 403;
        const res = await call(caller, 'PUT', route.path, route.body);
        const problem = res.contentType.startsWith('application/problem+json');
        if (res.status !== expected || !problem) {
          unexpected.push(
            `PUT ${route.path} as ${caller}: ${res.status} ${res.text.slice(0, 160)}`,
          );
        }
      }
      // A problem names its request (instance, correlation id): compare what the register holds.
      const held = (res: { status: number; text: string }) =>
        res.status === 200 ? res.text : String(res.status);
      const after = await call('insurer', 'GET', route.read);
      if (held(after) !== held(before)) unexpected.push(`PUT ${route.path}: the register changed`);
      // Its keeper is let through, so the refusals above are the rule and not a broken route.
      const kept = await call(route.rightful, 'PUT', route.path, route.body);
      if (kept.status !== 200)
        unexpected.push(`PUT ${route.path} as ${route.rightful}: ${kept.status}`);
    }
    expect(unexpected).toEqual([]);
  }, 300_000);
});

/**
 * Every route of the supervision service (issue 20), called by every kind of
 * wrong caller: anonymous, expired or stranger-signed tokens get 401; anyone
 * but a supervisor gets 403 on the regulator's routes; an answer comes only
 * from the organisation asked (another one's respondent gets 404: it may not
 * learn the request exists). Problem+json each time, and nothing changes.
 */
describe('authorisation matrix of the supervision service', () => {
  type SupervisionCaller =
    | 'no token'
    | 'not a JWT'
    | 'regulator, expired'
    | 'regulator, stranger-signed'
    | 'regulator'
    | 'regulator without roles'
    | 'Org1 packer'
    | 'Org1 respondent'
    | 'Org2 respondent';
  const CALLERS: readonly SupervisionCaller[] = [
    'no token',
    'not a JWT',
    'regulator, expired',
    'regulator, stranger-signed',
    'regulator',
    'regulator without roles',
    'Org1 packer',
    'Org1 respondent',
    'Org2 respondent',
  ];
  const UNAUTHENTICATED: readonly SupervisionCaller[] = CALLERS.slice(0, 4);
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  let service: { app: { close(): Promise<void> }; url: string };
  let requestId: string;

  async function tokenOf(caller: SupervisionCaller): Promise<string | undefined> {
    const env = stackEnv();
    const idp = createPrivateKey(readFileSync(env.AUTH_JWT_PRIVATE_KEY_FILE ?? ''));
    const sign = (
      key: KeyObject,
      party: string,
      organisation: string,
      roles: string[],
      ttl = 600,
    ) =>
      issueToken(key, {
        party,
        organisation,
        roles,
        issuer: env.AUTH_JWT_ISSUER ?? '',
        audience: env.AUTH_JWT_AUDIENCE ?? '',
        ttl,
      });
    switch (caller) {
      case 'no token':
        return undefined;
      case 'not a JWT':
        return 'not.a.jwt';
      case 'regulator, expired':
        return sign(idp, 'inspector', 'RegulatorMSP', ['supervisor'], -120);
      case 'regulator, stranger-signed':
        return sign(stranger, 'inspector', 'RegulatorMSP', ['supervisor']);
      case 'regulator':
        return sign(idp, 'inspector', 'RegulatorMSP', ['supervisor']);
      case 'regulator without roles':
        return sign(idp, 'inspector', 'RegulatorMSP', []);
      case 'Org1 packer':
        return sign(idp, 'packer', 'Org1MSP', ['trace:capture', 'trace:query', 'trace:trace']);
      case 'Org1 respondent':
        return sign(idp, 'compliance', 'Org1MSP', ['supervision:respondent']);
      case 'Org2 respondent':
        return sign(idp, 'compliance', 'Org2MSP', ['supervision:respondent']);
    }
  }

  async function call(caller: SupervisionCaller, method: string, path: string, body?: unknown) {
    const token = await tokenOf(caller);
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      text: await res.text(),
    };
  }

  const request = {
    organisation: 'Org1MSP',
    gtin: '09520123456788',
    lot: `AM${randomBytes(3).toString('hex')}`,
    from: '2026-11-01T00:00:00Z',
    to: '2026-12-01T00:00:00Z',
  };
  const answer = {
    spreadsheet:
      'Traceability Lot Code,Product (GTIN),Quantity,Unit of Measure,Critical Tracking Event,Event Date,Event Time (UTC),Location,Ship From,Ship To,Reference Document Type,Reference Document Number,EPCIS Event ID\r\n',
  };

  beforeAll(async () => {
    service = await startService('supervision', SupervisionApp);
    const made = await call('regulator', 'POST', '/fsma-requests', request);
    expect(made.status).toBe(201);
    requestId = (JSON.parse(made.text) as { requestId: string }).requestId;
  });

  afterAll(async () => {
    await service?.app.close();
  });

  it('refuses every wrong caller of every route with a problem, and changes nothing', async () => {
    const routes: {
      method: string;
      path: string;
      body?: unknown;
      rightful: readonly SupervisionCaller[];
      elsewhere?: Partial<Record<SupervisionCaller, number>>;
    }[] = [
      { method: 'POST', path: '/fsma-requests', body: request, rightful: ['regulator'] },
      { method: 'GET', path: '/fsma-requests', rightful: ['regulator'] },
      { method: 'GET', path: `/fsma-requests/${requestId}`, rightful: ['regulator'] },
      { method: 'GET', path: `/fsma-requests/${requestId}/spreadsheet`, rightful: ['regulator'] },
      {
        method: 'PUT',
        path: `/fsma-requests/${requestId}/answer`,
        body: answer,
        rightful: ['Org1 respondent'],
        elsewhere: { 'Org2 respondent': 404 },
      },
      { method: 'GET', path: '/supervision', rightful: ['regulator'] },
      { method: 'GET', path: '/monitors', rightful: ['regulator'] },
      { method: 'GET', path: '/ledger/ebls/Org1MSP/NOSUCHBL', rightful: ['regulator'] },
      { method: 'GET', path: `/ledger/claims/${randomUUID()}`, rightful: ['regulator'] },
      {
        method: 'GET',
        path: `/ledger/claims/${randomUUID()}/disclosures/${'0'.repeat(64)}`,
        rightful: ['regulator'],
      },
      {
        method: 'GET',
        path: '/ledger/traceability/batches/Org1MSP/no-such-batch',
        rightful: ['regulator'],
      },
    ];
    const unexpected: string[] = [];
    for (const route of routes) {
      for (const caller of CALLERS.filter((c) => !route.rightful.includes(c))) {
        const expected = UNAUTHENTICATED.includes(caller)
          ? 401
          : (route.elsewhere?.[caller] ?? 403);
        const res = await call(caller, route.method, route.path, route.body);
        if (res.status !== expected || !res.contentType.startsWith('application/problem+json')) {
          unexpected.push(
            `${route.method} ${route.path} as ${caller}: ${res.status} ${res.text.slice(0, 160)}`,
          );
        }
      }
    }
    expect(unexpected).toEqual([]);
    const after = JSON.parse(
      (await call('regulator', 'GET', `/fsma-requests/${requestId}`)).text,
    ) as Record<string, unknown>;
    expect(after).toMatchObject({ standing: 'AWAITING', answer: null });
    const listed = JSON.parse(
      (await call('regulator', 'GET', '/fsma-requests?organisation=Org1MSP')).text,
    ) as { requests: { lot: string }[] };
    expect(listed.requests.filter((r) => r.lot === request.lot)).toHaveLength(1);
  }, 300_000);
});
