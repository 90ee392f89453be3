import { describe, expect, it } from 'vitest';
import { isInternalAddress, resolveMailHost, type ResolvedAddress } from './mail-host.ts';

const INTERNAL = [
  '0.0.0.0',
  '0.1.2.3',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.1',
  '100.127.255.254',
  '127.0.0.1',
  '127.8.9.10',
  '169.254.169.254',
  '172.16.0.1',
  '172.31.255.255',
  '192.0.0.8',
  '192.168.1.1',
  '198.18.0.1',
  '224.0.0.1',
  '255.255.255.255',
  '::',
  '::1',
  '0:0:0:0:0:0:0:1',
  'fc00::1',
  'fd12:3456::1',
  'fe80::1',
  'fe80::1%eth0',
  'febf::1',
  'fec0::1',
  'ff02::1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:10.1.2.3',
  '::ffff:169.254.169.254',
  '::127.0.0.1',
  '64:ff9b::a9fe:a9fe',
  '2002:c0a8:0101::1',
  'not an address'
];

const PUBLIC = [
  '1.1.1.1',
  '8.8.8.8',
  '9.255.255.255',
  '11.0.0.1',
  '100.63.255.255',
  '100.128.0.1',
  '172.15.255.255',
  '172.32.0.1',
  '192.169.0.1',
  '198.20.0.1',
  '203.0.113.10',
  '2001:4860:4860::8888',
  '2a00:1450:4001::1',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
  '2002:0808:0808::1',
  'fbff::1',
  'fe00::1'
];

describe('isInternalAddress', () => {
  it.each(INTERNAL)('refuses %s', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });
  it.each(PUBLIC)('allows %s', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });
});

describe('resolveMailHost', () => {
  const dns =
    (table: Record<string, ResolvedAddress[]>) =>
    async (host: string): Promise<ResolvedAddress[]> => {
      const found = table[host];
      if (!found) throw Object.assign(new Error(`queryA ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return found;
    };
  const lookup = dns({
    'mail.example.com': [
      { address: '2001:db8::25', family: 6 },
      { address: '93.184.216.34', family: 4 }
    ],
    'internal.example.com': [{ address: '10.0.0.25', family: 4 }],
    'rebind.example.com': [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 }
    ],
    'mapped.example.com': [{ address: '::ffff:192.168.0.1', family: 6 }],
    'metadata.example.com': [{ address: 'fd00:ec2::254', family: 6 }]
  });

  it('connects to the checked address and keeps the name for TLS', async () => {
    expect(await resolveMailHost('mail.example.com', { allowPrivate: false, lookup })).toEqual({
      ok: true,
      address: '93.184.216.34',
      servername: 'mail.example.com'
    });
  });

  it('refuses a name when any of its addresses is internal', async () => {
    for (const host of [
      'internal.example.com',
      'rebind.example.com',
      'mapped.example.com',
      'metadata.example.com'
    ]) {
      expect(await resolveMailHost(host, { allowPrivate: false, lookup })).toEqual({
        ok: false,
        reason: 'host-not-allowed'
      });
    }
  });

  it('refuses internal address literals, bracketed IPv6 too, and resolves real localhost', async () => {
    for (const host of ['127.0.0.1', '[::1]', '::ffff:127.0.0.1', '169.254.169.254', 'localhost']) {
      expect(await resolveMailHost(host, { allowPrivate: false })).toEqual({
        ok: false,
        reason: 'host-not-allowed'
      });
    }
    expect(await resolveMailHost('[2001:4860:4860::8888]', { allowPrivate: false })).toEqual({
      ok: true,
      address: '2001:4860:4860::8888',
      servername: undefined
    });
  });

  it('names a host that does not resolve, without the resolver’s text', async () => {
    expect(await resolveMailHost('nowhere.example.com', { allowPrivate: false, lookup })).toEqual({
      ok: false,
      reason: 'host-not-found'
    });
  });

  it('lets the operator allow private hosts', async () => {
    expect(await resolveMailHost('internal.example.com', { allowPrivate: true, lookup })).toEqual({
      ok: true,
      address: '10.0.0.25',
      servername: 'internal.example.com'
    });
    expect(await resolveMailHost('127.0.0.1', { allowPrivate: true })).toMatchObject({
      ok: true,
      address: '127.0.0.1'
    });
  });
});
