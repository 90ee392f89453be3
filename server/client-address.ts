/**
 * The client's address for rate limits and the audit log, computed the way adapter-node's
 * `getClientAddress` does, so the relay and the HTTP endpoints count the same person as the
 * same address. Behind a proxy, `ADDRESS_HEADER` names the header it writes (e.g.
 * `x-forwarded-for` or `x-real-ip`); for `x-forwarded-for`, `XFF_DEPTH` says how many proxies
 * are trusted: the address is the one that many entries from the right, the rightmost being
 * written by the proxy nearest to us (entries further left are whatever the client sent).
 * Without `ADDRESS_HEADER` it is the socket's peer. A configured header that is missing or too
 * short gives `null` (unknown), where adapter-node throws.
 */
import type { IncomingMessage } from 'node:http';
import type { BatonConfig } from './config.ts';

export function clientAddress(
  req: Pick<IncomingMessage, 'headers' | 'socket'>,
  config: Pick<BatonConfig, 'proxy'>
): string | null {
  const { addressHeader, xffDepth } = config.proxy;
  if (!addressHeader) return req.socket.remoteAddress ?? null;
  const raw = req.headers[addressHeader];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (value === undefined || value.trim() === '') return null;
  if (addressHeader !== 'x-forwarded-for') return value.trim();
  const addresses = value.split(',');
  const picked = addresses[addresses.length - xffDepth]?.trim();
  return picked ? picked : null;
}
