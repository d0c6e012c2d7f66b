import { createHmac, randomBytes } from 'node:crypto';
import { ContainerNumberError } from '@pujiang/standards';
import fc from 'fast-check';
import { fingerprints, lossWindowStart } from './duplicate-fingerprint';

const key = Buffer.alloc(32, 7);
const facts = {
  eblReference: ' maeu123456789 ',
  containers: ['CSQU3054383', 'TCNU 720079 4'],
  lossDate: '2024-06-05',
};

describe('duplicate fingerprints', () => {
  it('windows start on Mondays counted from 1970-01-05', () => {
    expect(lossWindowStart('1970-01-05')).toBe('1970-01-05');
    expect(lossWindowStart('1970-01-11')).toBe('1970-01-05');
    expect(lossWindowStart('1970-01-04')).toBe('1969-12-29');
    expect(lossWindowStart('2024-06-05')).toBe('2024-06-03');
    expect(lossWindowStart('2024-06-09T23:00:00+08:00')).toBe('2024-06-03');
    expect(lossWindowStart('2024-06-10')).toBe('2024-06-10');
  });

  it('is HMAC-SHA256 over the normalised eBL, container and window', () => {
    const expected = createHmac('sha256', key)
      .update('MAEU123456789|CSQU3054383|2024-06-03')
      .digest('hex');
    expect(fingerprints(facts, key).register[0]).toBe(expected);
  });

  it('gives the same hashes for the same facts however written', () => {
    const again = fingerprints(
      {
        eblReference: 'MAEU123456789',
        containers: ['csqu3054383', 'TCNU7200794', 'CSQU3054383'],
        lossDate: '2024-06-09',
      },
      key,
    );
    expect(again).toEqual(fingerprints(facts, key));
    expect(again.register).toHaveLength(2);
    expect(again.probe).toHaveLength(6);
  });

  it('differs under another consortium key', () => {
    const other = fingerprints(facts, Buffer.alloc(32, 8));
    expect(other.register.some((h) => fingerprints(facts, key).register.includes(h))).toBe(false);
  });

  it('meets a claim in the adjacent window through the probes', () => {
    const sunday = fingerprints({ ...facts, lossDate: '2024-06-09' }, key);
    const monday = fingerprints({ ...facts, lossDate: '2024-06-10' }, key);
    expect(sunday.register).not.toEqual(monday.register);
    expect(monday.probe).toEqual(expect.arrayContaining(sunday.register));
    expect(sunday.probe).toEqual(expect.arrayContaining(monday.register));
    const twoWeeksLater = fingerprints({ ...facts, lossDate: '2024-06-19' }, key);
    expect(twoWeeksLater.probe.some((h) => sunday.register.includes(h))).toBe(false);
  });

  it('uses - for a missing eBL, and the eBL alone when there is no container', () => {
    const noEbl = fingerprints({ containers: ['CSQU3054383'], lossDate: '2024-06-05' }, key);
    const blank = fingerprints(
      { eblReference: '  ', containers: ['CSQU3054383'], lossDate: '2024-06-05' },
      key,
    );
    expect(noEbl.register[0]).toBe(
      createHmac('sha256', key).update('-|CSQU3054383|2024-06-03').digest('hex'),
    );
    expect(blank).toEqual(noEbl);
    const eblOnly = fingerprints(
      { eblReference: 'B1', containers: [], lossDate: '2024-06-05' },
      key,
    );
    expect(eblOnly.register[0]).toBe(
      createHmac('sha256', key).update('B1|-|2024-06-03').digest('hex'),
    );
  });

  it('refuses weak keys, bad container numbers and facts that identify nothing', () => {
    expect(() => fingerprints(facts, Buffer.alloc(16))).toThrow(/32 bytes/);
    expect(() => fingerprints({ ...facts, containers: ['CSQU3054384'] }, key)).toThrow(
      ContainerNumberError,
    );
    expect(() => fingerprints({ containers: [], lossDate: '2024-06-05' }, key)).toThrow(
      /eBL reference, a container or a vessel/,
    );
  });

  it('fingerprints a loss of the ship by its IMO number where cargo has containers', () => {
    const hull = fingerprints(
      { containers: [], imoNumber: '9074729', lossDate: '2024-06-05' },
      key,
    );
    expect(hull.register).toEqual([
      createHmac('sha256', key).update('-|IMO9074729|2024-06-03').digest('hex'),
    ]);
    expect(hull.probe).toHaveLength(3);
  });

  it('never shows the eBL reference, container or date in its output', () => {
    fc.assert(
      fc.property(
        // Letters first: a digits-only reference could occur in hex by chance.
        fc.stringMatching(/^[A-Z]{2}[A-Z0-9]{2,18}$/),
        fc.integer({ min: 0, max: 30_000 }),
        (reference, day) => {
          const lossDate = new Date(day * 86_400_000);
          const out = JSON.stringify(
            fingerprints(
              { eblReference: reference, containers: ['CSQU3054383'], lossDate },
              randomBytes(32),
            ),
          );
          expect(out).not.toContain(reference);
          expect(out).not.toContain('CSQU3054383');
          expect(out).not.toContain(lossDate.toISOString().slice(0, 10));
          expect(out).toMatch(
            /^\{"register":\["[0-9a-f]{64}"\],"probe":\["[0-9a-f]{64}"(,"[0-9a-f]{64}"){2}\]\}$/,
          );
        },
      ),
    );
  });
});
