import fc from 'fast-check';
import { SettlementError, settle } from './settlement';

describe('settle', () => {
  it('pays the approved amount less the deductible, each step on file', () => {
    const result = settle({
      claimed: 50_000_00n,
      approved: 42_000_00n,
      sumInsured: 100_000_00n,
      deductible: 1_000_00n,
    });
    expect(result.payable).toBe(41_000_00n);
    expect(result.partial).toBe(true);
    expect(result.steps.map((s) => [s.step, s.amount])).toEqual([
      ['CLAIMED', 50_000_00n],
      ['APPROVED', 42_000_00n],
      ['LIMITED_TO_SUM_INSURED', 42_000_00n],
      ['LESS_DEDUCTIBLE', 41_000_00n],
      ['PAYABLE', 41_000_00n],
    ]);
    expect(result.steps[1].note).toBe('partially approved');
  });

  it('uses the claimed amount while the claim is unadjusted', () => {
    const result = settle({ claimed: 900n, sumInsured: 10_000n, deductible: 100n });
    expect(result).toMatchObject({ payable: 800n, partial: false });
    expect(result.steps[1].note).toMatch(/not yet adjusted/);
  });

  it('limits to the sum insured before taking the deductible', () => {
    const result = settle({
      claimed: 20_000n,
      approved: 20_000n,
      sumInsured: 15_000n,
      deductible: 500n,
    });
    expect(result.payable).toBe(14_500n);
    expect(result.steps[2]).toMatchObject({
      amount: 15_000n,
      note: 'limited to the sum insured',
    });
  });

  it('pays nothing when the deductible exceeds the loss', () => {
    const result = settle({ claimed: 300n, sumInsured: 10_000n, deductible: 500n });
    expect(result.payable).toBe(0n);
    expect(result.steps[3].amount).toBe(-200n);
    expect(result.steps[4].note).toMatch(/deductible exceeds the loss/);
  });

  it('pays exactly at the boundaries', () => {
    expect(settle({ claimed: 500n, sumInsured: 500n, deductible: 500n }).payable).toBe(0n);
    expect(settle({ claimed: 501n, sumInsured: 501n, deductible: 500n }).payable).toBe(1n);
    expect(settle({ claimed: 0n, approved: 0n, sumInsured: 0n, deductible: 0n }).payable).toBe(0n);
  });

  it.each([
    [{ claimed: -1n, sumInsured: 1n, deductible: 0n }, /claimed is negative/],
    [{ claimed: 1n, sumInsured: 1n, deductible: -1n }, /deductible is negative/],
    [{ claimed: 1n, approved: 2n, sumInsured: 5n, deductible: 0n }, /approved exceeds claimed/],
    [
      { claimed: 2n, approved: 2n, sumInsured: 5n, deductible: 0n, partial: true },
      /needs approved < claimed/,
    ],
    [{ claimed: 2n, sumInsured: 5n, deductible: 0n, partial: true }, /needs approved < claimed/],
    [
      { claimed: 2n, approved: 1n, sumInsured: 5n, deductible: 0n, partial: false },
      /less than claimed/,
    ],
  ])('refuses %p', (input, message) => {
    expect(() => settle(input)).toThrow(SettlementError);
    expect(() => settle(input)).toThrow(message);
  });

  const money = fc.bigInt({ min: 0n, max: 10n ** 15n });
  const inputs = fc
    .tuple(
      money,
      money,
      fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      money,
    )
    .map(([claimed, sumInsured, share, deductible]) => ({
      claimed,
      sumInsured,
      deductible,
      // approved ≤ claimed, derived without float arithmetic on money.
      approved:
        share === undefined ? undefined : (claimed * BigInt(Math.floor(share * 1000))) / 1000n,
    }));

  it('never pays more than the sum insured or the approved amount, and never less than 0', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const { payable, steps } = settle(input);
        const basis = input.approved ?? input.claimed;
        expect(payable >= 0n).toBe(true);
        expect(payable <= input.sumInsured).toBe(true);
        expect(payable <= basis).toBe(true);
        const limited = basis < input.sumInsured ? basis : input.sumInsured;
        const net = limited - input.deductible;
        expect(payable).toBe(net > 0n ? net : 0n);
        expect(steps[steps.length - 1].amount).toBe(payable);
      }),
    );
  });

  it('partial means approved < claimed', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const partial = input.approved !== undefined && input.approved < input.claimed;
        expect(settle(input).partial).toBe(partial);
        expect(settle({ ...input, partial }).partial).toBe(partial);
      }),
    );
  });
});
