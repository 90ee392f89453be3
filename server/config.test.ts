import { describe, expect, it } from 'vitest';
import { ConfigError, isAllowedOrigin, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      demo: true,
      allowedOrigins: null
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ BATON_DEMO: 'maybe' })).toThrow(/BATON_DEMO/);
    expect(() => loadConfig({ BATON_ALLOWED_ORIGINS: 'not a url' })).toThrow(
      /BATON_ALLOWED_ORIGINS/
    );
  });

  it('keeps the development identity off unless asked, and never in production', () => {
    expect(loadConfig({}).devIdentity).toBe(false);
    expect(loadConfig({ BATON_DEV_IDENTITY: '1' }).devIdentity).toBe(true);
    expect(() => loadConfig({ BATON_DEV_IDENTITY: '1', NODE_ENV: 'production' })).toThrow(
      /BATON_DEV_IDENTITY/
    );
    expect(loadConfig({}).accountMail).toEqual({
      smtpUrl: null,
      from: 'Baton <no-reply@baton.invalid>'
    });
    expect(() => loadConfig({ BATON_ACCOUNT_SMTP_URL: 'http://mail' })).toThrow(
      /BATON_ACCOUNT_SMTP_URL/
    );
  });

  it('has the demo on by default, off in production, and refuses to turn it on there', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ BATON_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ demo: false, production: true });
    expect(loadConfig({ NODE_ENV: 'production', BATON_DEMO: 'off' }).demo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', BATON_DEMO: '1' })).toThrow(/BATON_DEMO/);
  });

  it('reads the proxy settings adapter-node reads, and keeps private mail hosts off', () => {
    expect(loadConfig({}).proxy).toEqual({ addressHeader: null, xffDepth: 1 });
    expect(loadConfig({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' }).proxy).toEqual({
      addressHeader: 'x-forwarded-for',
      xffDepth: 2
    });
    expect(() => loadConfig({ XFF_DEPTH: '0' })).toThrow(/XFF_DEPTH/);
    expect(loadConfig({}).mail.allowPrivateHosts).toBe(false);
    expect(loadConfig({ BATON_MAIL_ALLOW_PRIVATE_HOSTS: '1' }).mail.allowPrivateHosts).toBe(true);
  });

  it('checks origins against the list, or the Host header when there is none', () => {
    const listed = loadConfig({
      ORIGIN: 'https://desk.example.com',
      BATON_ALLOWED_ORIGINS: 'http://localhost:5173'
    });
    expect(isAllowedOrigin(listed, 'https://desk.example.com', 'whatever')).toBe(true);
    expect(isAllowedOrigin(listed, 'http://localhost:5173', 'whatever')).toBe(true);
    expect(isAllowedOrigin(listed, 'https://evil.example', 'desk.example.com')).toBe(false);
    const sameHost = loadConfig({});
    expect(isAllowedOrigin(sameHost, 'http://10.0.0.5:3000', '10.0.0.5:3000')).toBe(true);
    expect(isAllowedOrigin(sameHost, 'http://evil.example', '10.0.0.5:3000')).toBe(false);
    expect(isAllowedOrigin(sameHost, 'null', '10.0.0.5:3000')).toBe(false);
    expect(isAllowedOrigin(sameHost, undefined, '10.0.0.5:3000')).toBe(true);
  });
});
