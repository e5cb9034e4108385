import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { vendorFiles, vendorScripts } from '../../src/vendor-files.ts';
import { createTestApp, testOrigin } from '../helpers/test-app.ts';

const css = readFileSync('static/css/app.css');
const url = `${testOrigin}/static/css/app.css`;

describe('GET /static/*', () => {
  it('answers a range past the end of the file with 416 and the real size, not a 500', async () => {
    const t = createTestApp();
    const res = await t.app.request(url, { headers: { Range: `bytes=${css.length + 100}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get('Content-Range')).toBe(`bytes */${css.length}`);
  });

  it('sends the bytes a range asks for, including a suffix range', async () => {
    const t = createTestApp();
    const first = await t.app.request(url, { headers: { Range: 'bytes=0-9' } });
    expect(first.status).toBe(206);
    expect(Buffer.from(await first.arrayBuffer())).toEqual(css.subarray(0, 10));
    const last = await t.app.request(url, { headers: { Range: 'bytes=-5' } });
    expect(last.status).toBe(206);
    expect(Buffer.from(await last.arrayBuffer())).toEqual(css.subarray(css.length - 5));
  });

  it('ignores a range it cannot read and sends the whole file', async () => {
    const t = createTestApp();
    for (const range of ['bytes=5-2', 'bytes=0-1,4-5', 'lines=1-2', 'bytes=-']) {
      const res = await t.app.request(url, { headers: { Range: range } });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(css.length);
    }
  });

  it('answers OPTIONS with 204 and what it allows, announcing no body it will not send', async () => {
    const t = createTestApp();
    const res = await t.app.request(url, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('Allow')).toBe('GET, HEAD');
    expect(res.headers.get('Content-Length') ?? '0').toBe('0');
    expect(await res.text()).toBe('');
  });

  it('answers HEAD with the length and no body', async () => {
    const t = createTestApp();
    const res = await t.app.request(url, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Length')).toBe(String(css.length));
  });
});

describe('GET /static/vendor/*', () => {
  it('serves the htmx files package-lock.json installed, under their versioned names, cached for a year', async () => {
    const t = createTestApp();
    const require = createRequire(import.meta.url);
    const page = await (await t.app.request(`${testOrigin}/e/nope/join`)).text();
    for (const [i, file] of vendorFiles.entries()) {
      const version = (require(`${file.from.split('/')[0]}/package.json`) as { version: string }).version;
      expect(file.name).toContain(version);
      expect(page).toContain(`<script src="${vendorScripts[i]}" defer=""></script>`);
      const res = await t.app.request(`${testOrigin}${vendorScripts[i]}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(readFileSync(require.resolve(file.from)));
    }
  });
});
