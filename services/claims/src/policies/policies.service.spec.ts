import { ProblemException } from '@pujiang/http';
import type { DataSource } from 'typeorm';
import type { ClaimsLedger } from '../claims/claims-ledger';
import type { ClaimsPlatform } from '../platform/claims-platform';
import type { CreatePolicyDto, TriggerDto } from './create-policy.dto';
import { PoliciesService } from './policies.service';

const REEFER: TriggerDto = {
  triggerId: 'reefer-2-8C',
  kind: 'TEMPERATURE',
  minCelsiusTenths: 20,
  maxCelsiusTenths: 80,
  minDurationMinutes: 30,
};

const policy = (trigger: TriggerDto): CreatePolicyDto => ({
  policyId: 'POL-1',
  kind: 'CERTIFICATE',
  clause: 'ICC_A',
  insuredPartyId: 'consignee',
  currency: 'USD',
  period: { from: '2026-11-01', to: '2026-12-31' },
  shipment: { containers: ['CSQU3054383'], lots: [] },
  parametricTriggers: [trigger],
  amounts: { sumInsured: '5000000', premium: '25000', deductible: '100000' },
});

/** The service over a database and a ledger that record every call made to them. */
function service() {
  const calls: string[] = [];
  const dataSource = {
    query: (sql: string) => {
      calls.push(sql);
      return Promise.resolve([]);
    },
    transaction: () => Promise.reject(new Error('not expected')),
  } as unknown as DataSource;
  const ledger = {
    createPolicy: () => Promise.reject(new Error('the ledger was asked')),
  } as unknown as ClaimsLedger;
  const platform = {
    mspId: 'Org1MSP',
    parties: { party: () => ({ ledgerParty: { partyId: 'consignee', mspId: 'Org1MSP' } }) },
  } as unknown as ClaimsPlatform;
  return { policies: new PoliciesService(ledger, platform, dataSource), calls };
}

/** Issue 17: a reefer cover that trusts nobody would pay on a forged reading. */
describe('PoliciesService: a TEMPERATURE trigger names whom it trusts', () => {
  it.each([
    ['names no device nor owner', {}],
    ['names empty lists', { trustedDevices: [], trustedOwners: [] }],
  ])(
    'refuses a trigger that %s with a 400, before storing or asking the ledger',
    async (_, trust) => {
      const { policies, calls } = service();
      const refusal = policies.create(policy({ ...REEFER, ...trust }));
      await expect(refusal).rejects.toBeInstanceOf(ProblemException);
      await expect(refusal).rejects.toMatchObject({
        status: 400,
        detail:
          'trigger reefer-2-8C: a TEMPERATURE trigger must name the devices (trustedDevices) or the owners (trustedOwners) whose attested readings it trusts',
      });
      expect(calls).toEqual([]);
    },
  );

  it.each([
    ['a device', { trustedDevices: ['urn:epc:id:giai:4012345.RC-0001'] }],
    ['an owner', { trustedOwners: ['Org1MSP'] }],
  ])('takes a trigger that trusts %s on to the database and the ledger', async (_, trust) => {
    const { policies, calls } = service();
    await expect(policies.create(policy({ ...REEFER, ...trust }))).rejects.toThrow(
      'the ledger was asked',
    );
    expect(calls[0]).toMatch(/INSERT INTO cover_policy/);
  });
});

const VESSEL = {
  imoNumber: '9074729',
  warranties: ['ISM_CERTIFICATE_VALID' as const],
  tradingLimits: [],
  warRiskAreas: [],
};

/** Issue 21: a vessel policy names its vessel, and only a vessel policy does. */
describe('PoliciesService: vessel policies', () => {
  it.each([
    ['a hull clause without a vessel', { kind: 'TIME' as const, clause: 'ITC_HULLS' as const }],
    ['a cargo clause with a vessel', { vessel: VESSEL }],
  ])('refuses %s with a 400, before storing or asking the ledger', async (_, fields) => {
    const { policies, calls } = service();
    const refusal = policies.create({
      ...policy({ ...REEFER, trustedOwners: ['Org1MSP'] }),
      ...fields,
    });
    await expect(refusal).rejects.toMatchObject({ status: 400 });
    expect(calls).toEqual([]);
  });

  it('refuses a VESSEL_ARRIVAL trigger without its port area, ETA and grace', async () => {
    const { policies, calls } = service();
    const dto = {
      ...policy({ triggerId: 'delay', kind: 'VESSEL_ARRIVAL', etaAt: '2026-11-19T12:00:00Z' }),
      kind: 'TIME' as const,
      clause: 'ITC_HULLS' as const,
      shipment: { containers: [], lots: [] },
      vessel: VESSEL,
    };
    await expect(policies.create(dto)).rejects.toMatchObject({
      status: 400,
      detail: 'trigger delay: a VESSEL_ARRIVAL trigger needs portArea, etaAt and graceHours',
    });
    expect(calls).toEqual([]);
  });

  it('stores a hull policy with its vessel and takes it on to the ledger', async () => {
    const { policies, calls } = service();
    const dto = {
      ...policy({ ...REEFER, trustedOwners: ['Org1MSP'] }),
      kind: 'TIME' as const,
      clause: 'ITC_HULLS' as const,
      shipment: { containers: [], lots: [] },
      parametricTriggers: [],
      vessel: VESSEL,
    };
    await expect(policies.create(dto)).rejects.toThrow('the ledger was asked');
    expect(calls[0]).toMatch(/INSERT INTO cover_policy/);
  });
});
