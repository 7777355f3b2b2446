import { isIPv4 } from 'node:net';

/** Where the local stack listens unless HOST says otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * True for an address of this machine's loopback interface: 127.0.0.0/8, ::1, and the IPv4-mapped
 * form (::ffff:127.x.y.z) in which a dual-stack socket reports an IPv4 loopback client.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.toLowerCase();
  if (ip === '::1' || ip === '0:0:0:0:0:0:0:1') return true;
  const v4 = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  return isIPv4(v4) && v4.startsWith('127.');
}

/** A listen address that keeps a server on this machine (`localhost` included). */
export function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === 'localhost' || isLoopbackAddress(host);
}
