import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not name unless the operator allows it: loopback,
 * private, link-local (cloud metadata), unique-local, unspecified, multicast.
 * A subscription makes the service send requests on a client's behalf; to
 * these it would reach what only the inside should (decision 0020).
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

const MAX_LENGTH = 2048;

/**
 * Why a webhook destination is refused, or undefined if it may be used: an
 * absolute http(s) URL without credentials or fragment and, unless
 * `allowInternal`, not naming an internal address or localhost literally.
 * A DNS name that resolves inside is not caught here: egress policy is
 * where that is stopped (decision 0020).
 */
export function destinationProblem(dest: string, allowInternal: boolean): string | undefined {
  if (dest.length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(dest);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username !== '' || url.password !== '') {
    return 'must not carry credentials; give a signatureToken to authenticate deliveries';
  }
  if (url.hash !== '') return 'must not have a fragment';
  if (allowInternal) return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not name this host';
  const family = isIP(host);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
  if (
    (family === 4 && INTERNAL.check(host, 'ipv4')) ||
    (family === 6 && INTERNAL.check(host, 'ipv6')) ||
    (mapped !== undefined && INTERNAL.check(mapped, 'ipv4'))
  ) {
    return 'must not name a loopback, private or link-local address';
  }
  return undefined;
}
