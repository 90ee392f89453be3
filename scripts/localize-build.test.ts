import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { findMessages, localizeBuild, localizeScript } from './localize-build.ts';
import { inLocaleBuild } from '../src/lib/i18n/client-build.ts';

/** Runs a localized module's `texts` export: what the browser would evaluate. */
function evaluate(code: string): unknown {
  return new Function(`${code.replace('export const texts =', 'return')}`)();
}

describe('localizeScript', () => {
  it('keeps only the locale’s text of each message, in every form a message takes', () => {
    const code = [
      'export const texts = [',
      '  {en:"Board",fi:"Taulu",da:"Tavle"},',
      // a template whose expression holds braces, a nested template and a comma
      '  ((p) => ({en:`Moved ${p.map((x) => ({a: x}))[0].a} to ${`${p.length}`}`,fi:`Siirretty ${p[0]}`,da:`Flyttet ${p[0]}`}))(["#1"]),',
      // plural forms: objects as values
      "  {en:{one:'# ticket',other:'# tickets'},fi:{one:'# tiketti',other:'# tikettiä'},da:{one:'# sag',other:'# sager'}},",
      // another key order and quoted keys
      '  {"da":"Ja","fi":"Kyllä","en":"Yes"}',
      '];'
    ].join('\n');
    const fi = evaluate(localizeScript(code, 'fi')) as unknown[];
    expect(fi).toEqual([
      { fi: 'Taulu' },
      { fi: 'Siirretty #1' },
      { fi: { one: '# tiketti', other: '# tikettiä' } },
      { fi: 'Kyllä' }
    ]);
    const en = evaluate(localizeScript(code, 'en')) as unknown[];
    expect(en[1]).toEqual({ en: 'Moved #1 to 1' });
    expect(evaluate(localizeScript(code, 'da'))).toEqual([
      { da: 'Tavle' },
      { da: 'Flyttet #1' },
      { da: { one: '# sag', other: '# sager' } },
      { da: 'Ja' }
    ]);
  });

  it('leaves every other object alone', () => {
    const code = [
      'const en = 1, fi = 2, da = 3;',
      'export const texts = [',
      '  {en:"a",fi:"b"},', // two of the three
      '  {en:"a",fi:"b",da:"c",sv:"d"},', // a fourth key
      '  {en,fi,da},', // shorthand
      '  {["en"]:"a",fi:"b",da:"c"},', // computed
      '  {en(){return 1},fi:"b",da:"c"}.fi,', // a method
      '  {en:"a",en:"b",da:"c"}', // a key twice
      '];'
    ].join('\n');
    expect(findMessages(code)).toEqual([]);
    expect(localizeScript(code, 'fi')).toBe(code);
  });

  it('refuses a script that does not parse rather than cutting it blindly', () => {
    expect(() => findMessages('export const x = {en:"a",fi:"b",da:')).toThrow();
  });
});

describe('localizeBuild', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function fakeBuild(): string {
    const client = mkdtempSync(join(tmpdir(), 'baton-localize-'));
    dirs.push(client);
    const immutable = join(client, '_app', 'immutable');
    mkdirSync(join(immutable, 'chunks'), { recursive: true });
    mkdirSync(join(immutable, 'assets'), { recursive: true });
    writeFileSync(
      join(immutable, 'chunks', 'a.js'),
      'import{b}from"./b.js";export const m=()=>b({en:"Board",fi:"Taulu",da:"Tavle"});'
    );
    writeFileSync(join(immutable, 'chunks', 'b.js'), 'export const b=(x)=>x;');
    writeFileSync(join(immutable, 'assets', 'app.css'), 'body{color:red}');
    // The adapter's precompressed siblings (of the build with every language).
    writeFileSync(join(immutable, 'chunks', 'a.js.gz'), gzipSync('stale'));
    writeFileSync(join(immutable, 'chunks', 'a.js.br'), brotliCompressSync('stale'));
    writeFileSync(join(immutable, 'assets', 'app.css.gz'), gzipSync('body{color:red}'));
    return client;
  }

  it('writes a self-contained copy per locale and leaves the build as it was', () => {
    const client = fakeBuild();
    const built = readFileSync(join(client, '_app/immutable/chunks/a.js'), 'utf8');
    const report = localizeBuild(client);
    expect(report).toEqual({ scripts: 2, messages: 1 });
    const read = (path: string) => readFileSync(join(client, path), 'utf8');
    expect(read('_app/immutable/fi/chunks/a.js')).toBe(
      'import{b}from"./b.js";export const m=()=>b({fi:"Taulu"});'
    );
    expect(read('_app/immutable/da/chunks/a.js')).toContain('{da:"Tavle"}');
    expect(read('_app/immutable/en/chunks/a.js')).toContain('{en:"Board"}');
    expect(read('_app/immutable/fi/chunks/b.js')).toBe('export const b=(x)=>x;');
    expect(read('_app/immutable/fi/assets/app.css')).toBe('body{color:red}');
    expect(read('_app/immutable/chunks/a.js')).toBe(built);
  });

  it('compresses each copy again where the adapter had precompressed the file', () => {
    const client = fakeBuild();
    localizeBuild(client);
    const bytes = (path: string) => readFileSync(join(client, path));
    const fi = bytes('_app/immutable/fi/chunks/a.js').toString();
    expect(gunzipSync(bytes('_app/immutable/fi/chunks/a.js.gz')).toString()).toBe(fi);
    expect(brotliDecompressSync(bytes('_app/immutable/fi/chunks/a.js.br')).toString()).toBe(fi);
    expect(gunzipSync(bytes('_app/immutable/da/assets/app.css.gz')).toString()).toBe(
      'body{color:red}'
    );
    // No sibling where the adapter made none.
    expect(existsSync(join(client, '_app/immutable/fi/chunks/b.js.gz'))).toBe(false);
  });

  it('gives the same copies when run again (it never reads its own output)', () => {
    const client = fakeBuild();
    localizeBuild(client);
    localizeBuild(client);
    expect(readFileSync(join(client, '_app/immutable/fi/chunks/a.js'), 'utf8')).toContain(
      '{fi:"Taulu"}'
    );
    expect(existsSync(join(client, '_app/immutable/fi/fi'))).toBe(false);
  });
});

describe('inLocaleBuild', () => {
  it('moves build paths, absolute or relative, to the locale’s copy and nothing else', () => {
    const html =
      '<link href="./_app/immutable/entry/start.js" rel="modulepreload">' +
      '<script>import("../../_app/immutable/entry/app.js")</script><a href="/_app/version.json">';
    expect(inLocaleBuild(html, 'fi')).toBe(
      '<link href="./_app/immutable/fi/entry/start.js" rel="modulepreload">' +
        '<script>import("../../_app/immutable/fi/entry/app.js")</script><a href="/_app/version.json">'
    );
    expect(inLocaleBuild('</_app/immutable/x.js>; rel=modulepreload', 'da')).toBe(
      '</_app/immutable/da/x.js>; rel=modulepreload'
    );
  });
});
