import { IccClause, PERIL_COVER, Peril, isPerilCovered } from '@pujiang/contracts';
import { ICC_2009_WORDING, isCovered, isPeril } from './cover';

const CLAUSES = Object.values(IccClause);
const PERILS = Object.values(Peril);

describe('Institute Cargo Clauses 1/1/2009', () => {
  it.each<[IccClause, Peril, boolean, string]>([
    ['ICC_A', 'THEFT', true, '1'],
    ['ICC_B', 'THEFT', false, '1'],
    ['ICC_C', 'THEFT', false, '1'],
    ['ICC_A', 'FIRE', true, '1'],
    ['ICC_B', 'FIRE', true, '1.1.1'],
    ['ICC_C', 'FIRE', true, '1.1.1'],
    ['ICC_C', 'SINKING', true, '1.1.2'],
    ['ICC_B', 'EARTHQUAKE_VOLCANO_LIGHTNING', true, '1.1.6'],
    ['ICC_C', 'EARTHQUAKE_VOLCANO_LIGHTNING', false, '1'],
    ['ICC_C', 'JETTISON', true, '1.2.2'],
    ['ICC_B', 'WASHING_OVERBOARD', true, '1.2.2'],
    ['ICC_C', 'WASHING_OVERBOARD', false, '1'],
    ['ICC_B', 'WATER_DAMAGE', true, '1.2.3'],
    ['ICC_C', 'WATER_DAMAGE', false, '1'],
    ['ICC_B', 'PACKAGE_LOST_IN_LOADING', true, '1.3'],
    ['ICC_B', 'TEMPERATURE_DEVIATION', false, '1'],
    ['ICC_A', 'MALICIOUS_DAMAGE', true, '1'],
    ['ICC_B', 'MALICIOUS_DAMAGE', false, '4.7'],
    ['ICC_A', 'NUCLEAR', false, '4.7'],
    ['ICC_C', 'NUCLEAR', false, '4.8'],
    ['ICC_A', 'WAR', false, '6'],
    ['ICC_A', 'STRIKES', false, '7'],
  ])('%s and %s: covered %s under clause %s', (clause, peril, covered, number) => {
    const verdict = isCovered(clause, peril);
    expect(verdict.covered).toBe(covered);
    expect(verdict.clause).toBe(number);
  });

  it.each(CLAUSES)('%s excludes delay and insufficient packing', (clause) => {
    expect(isCovered(clause, 'DELAY')).toMatchObject({
      covered: false,
      reason: 'EXCLUDED',
      clause: '4.5',
    });
    expect(isCovered(clause, 'INSUFFICIENT_PACKING')).toMatchObject({
      covered: false,
      reason: 'EXCLUDED',
      clause: '4.3',
    });
  });

  it('says why theft is not paid under ICC (C)', () => {
    expect(isCovered('ICC_C', 'THEFT')).toEqual({
      covered: false,
      reason: 'NOT_A_NAMED_PERIL',
      clause: '1',
      text: 'ICC (C) pays only for the perils its clause 1 names',
    });
  });

  it('walks every (clause, peril) pair: the wording agrees with the chaincode table', () => {
    for (const peril of PERILS) {
      const wording = ICC_2009_WORDING[peril];
      for (const clause of CLAUSES) {
        const verdict = isCovered(clause, peril);
        expect(verdict.covered).toBe(isPerilCovered(clause, peril));
        expect(verdict.clause).toMatch(/^\d(\.\d){0,2}$/);
        // A named peril is never refused as unnamed in a clause that names it, nor excluded.
        if (!verdict.covered && verdict.reason === 'EXCLUDED')
          expect(wording.kind).toBe('EXCLUDED');
      }
      // Only an exclusion keeps (A), all risks, from paying a loss of cargo.
      if (wording.kind === 'NOT_CARGO') expect(isPerilCovered('ICC_A', peril)).toBe(false);
      else if (!isPerilCovered('ICC_A', peril)) expect(wording).toHaveProperty('clauseA');
      if (wording.kind === 'NAMED') expect(isPerilCovered('ICC_B', peril)).toBe(true);
      if (wording.kind === 'EXCLUDED') expect(isPerilCovered('ICC_B', peril)).toBe(false);
      if (isPerilCovered('ICC_C', peril)) expect(isPerilCovered('ICC_B', peril)).toBe(true);
    }
    expect(Object.keys(ICC_2009_WORDING).sort()).toEqual(Object.keys(PERIL_COVER).sort());
  });

  it('recognises peril codes arriving as text', () => {
    expect(isPeril('THEFT')).toBe(true);
    expect(isPeril('theft')).toBe(false);
    expect(isPeril('toString')).toBe(false);
  });
});
