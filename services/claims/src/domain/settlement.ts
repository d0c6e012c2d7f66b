/**
 * The indemnity payable on a cargo claim, in minor units, with every step written out for the
 * claim file: the sum insured caps the measure of indemnity (Marine Insurance Act 1906 s.67),
 * and the deductible comes off what would otherwise be paid.
 */
export interface SettlementInput {
  readonly claimed: bigint;
  /** What the adjuster approved; absent while the claim is unadjusted. */
  readonly approved?: bigint;
  readonly sumInsured: bigint;
  readonly deductible: bigint;
  /** When given, asserts whether the approval is partial (approved < claimed). */
  readonly partial?: boolean;
}

export type SettlementStepName =
  'CLAIMED' | 'APPROVED' | 'LIMITED_TO_SUM_INSURED' | 'LESS_DEDUCTIBLE' | 'PAYABLE';

export interface SettlementStep {
  readonly step: SettlementStepName;
  /** The running amount after this step. */
  readonly amount: bigint;
  readonly note: string;
}

export interface Settlement {
  readonly payable: bigint;
  readonly partial: boolean;
  readonly steps: readonly SettlementStep[];
}

export class SettlementError extends RangeError {
  override readonly name = 'SettlementError';
}

function check(input: SettlementInput): void {
  const { claimed, approved, sumInsured, deductible, partial } = input;
  const amounts = { claimed, approved, sumInsured, deductible };
  for (const [name, amount] of Object.entries(amounts)) {
    if (amount !== undefined && amount < 0n) throw new SettlementError(`${name} is negative`);
  }
  if (approved !== undefined && approved > claimed) {
    throw new SettlementError('approved exceeds claimed: the claim must be amended first');
  }
  const isPartial = approved !== undefined && approved < claimed;
  if (partial !== undefined && partial !== isPartial) {
    throw new SettlementError(
      partial ? 'partial approval needs approved < claimed' : 'approved is less than claimed',
    );
  }
}

/** payable = max(0, min(approved ?? claimed, sumInsured) − deductible). */
export function settle(input: SettlementInput): Settlement {
  check(input);
  const { claimed, approved, sumInsured, deductible } = input;
  const partial = approved !== undefined && approved < claimed;
  const basis = approved ?? claimed;
  const limited = basis < sumInsured ? basis : sumInsured;
  const net = limited - deductible;
  const payable = net > 0n ? net : 0n;
  const steps: SettlementStep[] = [
    { step: 'CLAIMED', amount: claimed, note: 'amount claimed' },
    {
      step: 'APPROVED',
      amount: basis,
      note:
        approved === undefined
          ? 'not yet adjusted: the amount claimed stands'
          : partial
            ? 'partially approved'
            : 'approved in full',
    },
    {
      step: 'LIMITED_TO_SUM_INSURED',
      amount: limited,
      note: limited < basis ? 'limited to the sum insured' : 'within the sum insured',
    },
    { step: 'LESS_DEDUCTIBLE', amount: net, note: 'less the deductible' },
    {
      step: 'PAYABLE',
      amount: payable,
      note: net < 0n ? 'the deductible exceeds the loss: nothing payable' : 'payable',
    },
  ];
  return { payable, partial, steps };
}
