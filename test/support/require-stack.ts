import { stackEnv } from './stack-env';

/** Integration and e2e tests need the real stack; say so plainly instead of timing out. */
export default function requireStack(): void {
  stackEnv();
}
