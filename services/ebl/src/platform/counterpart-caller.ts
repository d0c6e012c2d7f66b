import { IdempotentCaller } from '@pujiang/idempotency';

/** A carrier's or platform's Idempotency-Keys are its own: scoped to the code its token proved. */
export const counterpartCaller: IdempotentCaller = (request) => {
  const { counterpart } = request as typeof request & { counterpart?: string };
  return counterpart === undefined ? undefined : `counterpart:${counterpart}`;
};
