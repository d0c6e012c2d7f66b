import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pujiang/config';
import { ClaimRecord, InsurerPolicyView } from '@pujiang/contracts';
import { DEVICE_CONTEXT, signSensorElement } from '@pujiang/device-attestation';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { createHttpApp, listen } from '@pujiang/http';
import { serveInbox } from '@pujiang/messaging';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { writeDevPlatforms } from '../../scripts/stack/dev-parties';
import { AppModule as ClaimsApp } from '../../services/claims/src/app.module';
import { containerNumber } from './container-numbers';
import { registerReefer, signingKeyOf } from './device-simulator';
import { eventually } from './kafka-probe';
import { identityProviderEnv, serviceEnv, stackEnv } from './stack-env';
import { ORG1_PACKER, bearer, stackToken } from './stack-tokens';

export interface RunningInsurer {
  org: 1 | 2;
  mspId: string;
  url: string;
  app: NestFastifyApplication;
  tokenFor(party: string, roles: string[]): Promise<string>;
  insurerToken(): Promise<string>;
}

/**
 * Two insurers' claims services on the local network, as `npm start` would
 * run them: one on Org1 (database claims), one on Org2 (claims_partner),
 * each signing insurer steps as its organisation's insurer identity and sharing the
 * consortium's fingerprint key. Their tokens come from the stack's identity
 * provider, the one the traceability service trusts too: a caller's token
 * that claims forwards to traceability (evidence) verifies there.
 */
export async function startInsurers(traceabilityUrl: string): Promise<{
  org1: RunningInsurer;
  org2: RunningInsurer;
  stop(): Promise<void>;
}> {
  const stack = stackEnv();
  const env: Record<string, string> = {
    ...writeDevPlatforms({
      outDir: mkdtempSync(join(tmpdir(), 'claims-world-')),
      usersDir: (org) => stack[`FABRIC_ORG${org}_USERS_DIR`] ?? '',
      endpoint: () => 'http://127.0.0.1:1',
      carrierEndpoint: 'http://127.0.0.1:1',
    }),
    // Not the throwaway identity provider writeDevPlatforms makes: the stack's,
    // private key included (the harness exports its environment to the tests).
    ...identityProviderEnv(stack),
    AUTH_JWT_PRIVATE_KEY_FILE: stack.AUTH_JWT_PRIVATE_KEY_FILE ?? '',
  };
  const start = async (org: 1 | 2): Promise<RunningInsurer> => {
    const base = serviceEnv('claims', 0, org);
    Object.assign(process.env, base, env, {
      LOG_LEVEL: 'warn',
      DATABASE_URL: org === 1 ? stack.CLAIMS_DATABASE_URL : stack.CLAIMS_PARTNER_DATABASE_URL,
      CLAIMS_DIRECTORY_FILE: env[`CLAIMS_ORG${org}_DIRECTORY_FILE`],
      TRACEABILITY_URL: traceabilityUrl,
    });
    const app = await createHttpApp(ClaimsApp, { bodyLimit: 4 * 1024 * 1024 });
    await serveInbox(app);
    const url = (await listen(app, 0, '127.0.0.1')).replace('[::1]', '127.0.0.1');
    const mspId = base.FABRIC_MSP_ID ?? '';
    const tokenFor = (party: string, roles: string[]) =>
      stackToken({ party, organisation: mspId, roles }, 600);
    return {
      org,
      mspId,
      url,
      app,
      tokenFor,
      insurerToken: () => tokenFor(`underwriter-${org}`, ['claims:insurer']),
    };
  };
  const org1 = await start(1);
  const org2 = await start(2);
  return {
    org1,
    org2,
    stop: async () => {
      await org2.app.close();
      await org1.app.close();
    },
  };
}

/** A call to an insurer's claims service with `token`: its status and JSON body. */
export async function callInsurer(
  insurer: RunningInsurer,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${insurer.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * Each organisation's insurer identity on its own peer: what that peer holds,
 * private data included, and what a competing insurer could read or submit.
 */
export async function startInsurerPeers(): Promise<{
  org1: LedgerGateway;
  org2: LedgerGateway;
  close(): void;
}> {
  const peer = (org: 1 | 2) =>
    new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('claims', 0, org)));
  const org1 = peer(1);
  const org2 = peer(2);
  await org1.onModuleInit();
  await org2.onModuleInit();
  return {
    org1,
    org2,
    close: () => {
      org1.onApplicationShutdown();
      org2.onApplicationShutdown();
    },
  };
}

/** The calendar date `offset` days from today (UTC), as policies and notices name days. */
export function dayFromToday(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A cover policy `insurer` files and the ledger records: an ICC A certificate for the
 * consignee on one container, in force a month either side of today, unless `overrides`
 * say otherwise.
 */
export async function fileCoverPolicy(
  insurer: RunningInsurer,
  overrides: Record<string, unknown> = {},
): Promise<InsurerPolicyView> {
  const res = await callInsurer(insurer, await insurer.insurerToken(), 'POST', '/policies', {
    policyId: `POL-${randomBytes(4).toString('hex').toUpperCase()}`,
    kind: 'CERTIFICATE',
    clause: 'ICC_A',
    insuredPartyId: 'consignee',
    currency: 'USD',
    period: { from: dayFromToday(-30), to: dayFromToday(30) },
    shipment: { containers: [containerNumber('PJCU')], lots: [] },
    parametricTriggers: [],
    amounts: { sumInsured: '5000000', premium: '25000', deductible: '100000' },
    ...overrides,
  });
  if (res.status !== 201)
    throw new Error(`policy not filed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.policy as InsurerPolicyView;
}

/**
 * A reefer's temperature log (tenths of °C, one reading every 15 minutes,
 * three hours ago) in an EPCIS ObjectEvent on `container`, captured by Org1's
 * packer: what a parametric TEMPERATURE trigger reads. Each reading is signed
 * by a reefer controller Org1 registered on the ledger, fitted to the
 * container (`registerReefer`), so a cover that trusts Org1's devices
 * (REEFER_2_8C) counts it.
 */
export async function captureReeferLog(
  traceabilityUrl: string,
  container: string,
  tenths: number[],
): Promise<Response> {
  const start = Date.now() - 3 * 3600_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const reefer = await registerReefer(traceabilityUrl, container, new Date(start - 3600_000));
  const key = await signingKeyOf(reefer.key);
  const sensorElementList = await Promise.all(
    tenths.map((value, i) =>
      signSensorElement(
        {
          sensorMetadata: { deviceID: reefer.id, time: at(i * 15) },
          sensorReport: [{ type: 'Temperature', value: value / 10, uom: 'CEL' }],
        },
        key,
      ),
    ),
  );
  return fetch(`${traceabilityUrl}/capture`, {
    method: 'POST',
    headers: { ...(await bearer(ORG1_PACKER)), 'content-type': 'application/ld+json' },
    body: JSON.stringify({
      '@context': [EPCIS_CONTEXT, DEVICE_CONTEXT, { example: 'http://ns.example.com/epcis/' }],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: {
        eventList: [
          {
            type: 'ObjectEvent',
            eventTime: at(60),
            eventTimeZoneOffset: '+00:00',
            action: 'OBSERVE',
            epcList: [
              `urn:epc:id:sscc:0614141.${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`,
            ],
            bizStep: 'transporting',
            readPoint: { id: 'urn:epc:id:sgln:0614141.00777.0' },
            'example:containerNumber': container,
            sensorElementList,
          },
        ],
      },
    }),
  });
}

/**
 * A reefer cover: pays when the cargo stays outside 2–8 °C for 30 minutes or
 * more, by the readings of Org1's registered devices (as captureReeferLog signs them).
 */
export const REEFER_2_8C = {
  triggerId: 'reefer-2-8C',
  kind: 'TEMPERATURE',
  minCelsiusTenths: 20,
  maxCelsiusTenths: 80,
  minDurationMinutes: 30,
  trustedOwners: ['Org1MSP'],
};

/** The claim a parametric trigger of `policyId` opened, once its evidence is filed. */
export async function parametricClaimOf(
  insurer: RunningInsurer,
  policyId: string,
): Promise<ClaimRecord> {
  const token = await insurer.insurerToken();
  return eventually(async () => {
    const { body } = await callInsurer(insurer, token, 'GET', '/claims');
    return (body.claims as ClaimRecord[]).find(
      (c) => c.policyId === policyId && c.documents.length > 0,
    );
  }, 'the parametric claim with its evidence');
}
