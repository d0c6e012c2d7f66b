import { ORG1_PACKER, stackToken } from '../../test/support/stack-tokens';

/** A benchmark's token lasts the longest run anyone starts (BENCH_SECONDS is not capped). */
const BENCH_TOKEN_TTL_S = 12 * 3600;

/**
 * The `Authorization` header of Org1's packer, who holds every trace role:
 * what a bench's clients present to the traceability service, like any client.
 */
export async function packerHeaders(): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await stackToken(ORG1_PACKER, BENCH_TOKEN_TTL_S)}` };
}
