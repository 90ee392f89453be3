/**
 * Where a mailbox may point. Anyone can sign up, create a workspace and enter a mailbox, so the
 * IMAP and SMTP clients would otherwise reach whatever the *server* can reach: its loopback,
 * its LAN, the cloud metadata service. Unless the operator allows it
 * (`BATON_MAIL_ALLOW_PRIVATE_HOSTS=1`, which the tests set for their local Dovecot), a host is
 * used only when every address it has is a public one.
 *
 * The check and the connection use the same address. The name is resolved once, here; every
 * address it resolves to is checked (a name with one public and one private address is
 * refused: the resolver could hand either to the client); and the client is then given the
 * checked address, with the name only as the TLS server name (SNI and certificate check). A
 * second lookup at connect time, which a DNS server under the attacker's control could answer
 * differently ("DNS rebinding"), never happens.
 *
 * Internal addresses: IPv4 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24,
 * 192.168/16, 198.18/15, 224/4 (multicast) and 240/4 (reserved, broadcast); IPv6 ::, ::1,
 * fc00::/7, fe80::/10, fec0::/10, ff00::/8, and IPv4 carried inside IPv6 (mapped ::ffff:0:0/96,
 * compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) by the IPv4 address it carries.
 */
import { lookup as systemLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export type HostRefusal = 'host-not-allowed' | 'host-not-found';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface MailHostPolicy {
  /** Loopback, private and link-local addresses allowed (operator setting; tests). */
  allowPrivate: boolean;
  /** Every address of a name (default: the system resolver); injected by tests. */
  lookup?: (host: string) => Promise<ResolvedAddress[]>;
}

export type MailTarget =
  | {
      ok: true;
      /** The checked address to connect to. */
      address: string;
      /** The name for TLS (SNI and the certificate); `undefined` when the host was an address. */
      servername: string | undefined;
    }
  | { ok: false; reason: HostRefusal };

/** Resolves a mailbox host to one checked address (see the file's header). */
export async function resolveMailHost(host: string, policy: MailHostPolicy): Promise<MailTarget> {
  const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(literal) !== 0) {
    return policy.allowPrivate || !isInternalAddress(literal)
      ? { ok: true, address: literal, servername: undefined }
      : { ok: false, reason: 'host-not-allowed' };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (policy.lookup ?? lookupAll)(literal);
  } catch {
    return { ok: false, reason: 'host-not-found' };
  }
  const usable = addresses.filter((a) => isIP(a.address) !== 0);
  // IPv4 first where there is one: a server without an IPv6 route still connects.
  const first = usable.find((a) => isIP(a.address) === 4) ?? usable[0];
  if (!first) return { ok: false, reason: 'host-not-found' };
  if (!policy.allowPrivate && usable.some((a) => isInternalAddress(a.address))) {
    return { ok: false, reason: 'host-not-allowed' };
  }
  return { ok: true, address: first.address, servername: literal };
}

function lookupAll(host: string): Promise<ResolvedAddress[]> {
  return systemLookup(host, { all: true, verbatim: true });
}

/** Whether an IP address (v4 or v6 text) is loopback, private, link-local or otherwise internal. */
export function isInternalAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return internalV4(ipv4Bytes(address));
  if (kind === 6) {
    const bytes = ipv6Bytes(address);
    return bytes === null || internalV6(bytes);
  }
  // Not an address at all: never a safe place to connect to.
  return true;
}

const V4_RANGES: readonly (readonly [number, number, number, number, number])[] = [
  [0, 0, 0, 0, 8],
  [10, 0, 0, 0, 8],
  [100, 64, 0, 0, 10],
  [127, 0, 0, 0, 8],
  [169, 254, 0, 0, 16],
  [172, 16, 0, 0, 12],
  [192, 0, 0, 0, 24],
  [192, 168, 0, 0, 16],
  [198, 18, 0, 0, 15],
  [224, 0, 0, 0, 4],
  [240, 0, 0, 0, 4]
];

function internalV4(bytes: readonly number[]): boolean {
  return V4_RANGES.some(([a, b, c, d, bits]) => inPrefix(bytes, [a, b, c, d], bits));
}

function internalV6(bytes: Uint8Array): boolean {
  const all = [...bytes];
  const zeros = (from: number, to: number) => all.slice(from, to).every((b) => b === 0);
  // :: and ::1
  if (zeros(0, 15) && (all[15] === 0 || all[15] === 1)) return true;
  // IPv4 inside: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4.
  if (zeros(0, 10) && all[10] === 0xff && all[11] === 0xff) return internalV4(all.slice(12));
  if (zeros(0, 12)) return internalV4(all.slice(12));
  if (inPrefix(all, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) {
    return internalV4(all.slice(12));
  }
  if (all[0] === 0x20 && all[1] === 0x02) return internalV4(all.slice(2, 6));
  return (
    inPrefix(all, [0xfc], 7) || // unique local
    inPrefix(all, [0xfe, 0x80], 10) || // link-local
    inPrefix(all, [0xfe, 0xc0], 10) || // site-local (deprecated)
    all[0] === 0xff // multicast
  );
}

function inPrefix(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = Math.floor(i / 8);
    const mask = 0x80 >> (i % 8);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address (already known to be valid by `isIP`); zone ids dropped. */
function ipv6Bytes(address: string): Uint8Array | null {
  let text = address.split('%')[0] ?? '';
  const bytes = new Uint8Array(16);
  let v4: number[] | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    v4 = ipv4Bytes(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', tail, ...more] = text.split('::');
  if (more.length > 0) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const fill = 8 - front.length - back.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return null;
  const all = [...front, ...Array<string>(fill).fill('0'), ...back];
  all.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  if (v4) bytes.set(v4, 12);
  return bytes;
}
