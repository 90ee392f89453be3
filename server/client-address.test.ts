import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { clientAddress } from './client-address.ts';
import { loadConfig } from './config.ts';

function request(headers: IncomingMessage['headers'], peer = '10.0.0.2') {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: peer });
  return { headers, socket };
}

describe('clientAddress', () => {
  it('is the socket peer without a proxy setting, whatever the headers claim', () => {
    const config = loadConfig({});
    expect(clientAddress(request({ 'x-forwarded-for': '1.2.3.4' }), config)).toBe('10.0.0.2');
  });

  it('takes the XFF_DEPTH-th address from the right of x-forwarded-for, like adapter-node', () => {
    const one = loadConfig({ ADDRESS_HEADER: 'x-forwarded-for' });
    const two = loadConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' });
    const forged = { 'x-forwarded-for': '6.6.6.6, 198.51.100.4, 10.0.0.1' };
    expect(clientAddress(request(forged), one)).toBe('10.0.0.1');
    expect(clientAddress(request(forged), two)).toBe('198.51.100.4');
    expect(clientAddress(request({ 'x-forwarded-for': '198.51.100.4' }), two)).toBeNull();
    expect(clientAddress(request({}), one)).toBeNull();
  });

  it('reads another named header as it is', () => {
    const config = loadConfig({ ADDRESS_HEADER: 'X-Real-IP' });
    expect(clientAddress(request({ 'x-real-ip': ' 203.0.113.9 ' }), config)).toBe('203.0.113.9');
  });
});
