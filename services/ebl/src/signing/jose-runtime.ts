import type * as Jose from 'jose';

/**
 * jose 6 is published only as ES modules. Node (≥ 20.19, ≥ 22.12) can `require()` those,
 * and that is what the compiled service does; Jest's CommonJS sandbox cannot, and routes
 * every `require` and `createRequire` through itself. So jose is loaded through Node's own
 * loader, reached via `process.getBuiltinModule`, which Jest does not intercept: the same
 * module in tests and in production, and the only place in the code base that knows about it.
 *
 * Remove this file and import 'jose' directly once the unit project transforms jose
 * (`transformIgnorePatterns: ['/node_modules/(?!jose/)']` with a JS-capable transform).
 */
function loadJose(): typeof Jose {
  const nodeModule = process.getBuiltinModule('node:module');
  return nodeModule.createRequire(__filename)('jose') as typeof Jose;
}

export const jose: typeof Jose = loadJose();
