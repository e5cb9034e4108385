// Walking an import through its pages as a browser does: upload, read the hidden fields the next
// step carries (the CSV, the plan), post them back.
import { expect } from 'vitest';
import { cookiesFrom, get, postForm, postUpload, type TestApp } from './test-app.ts';

const entities: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&lt;': '<', '&gt;': '>', '&#39;': "'" };

/** The value of a hidden field in a page, as the browser would send it back. */
export function hiddenValue(html: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no hidden field ${name} on the page`);
  return m[1]!.replace(/&(amp|quot|lt|gt|#39);/g, (e) => entities[e]!);
}

/** Every hidden field of the form with this id. */
export function hiddenFields(html: string, formId: string): Record<string, string> {
  const form = new RegExp(`<form[^>]*id="${formId}"[\\s\\S]*?</form>`).exec(html)?.[0];
  if (!form) throw new Error(`no form #${formId} on the page`);
  const names = [...form.matchAll(/<input type="hidden" name="([^"]+)"/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((n) => [n, hiddenValue(form, n)]));
}

/** Posts a file to an import form; the answer is the next step's page (or the refusal). */
export function uploadFile(t: TestApp, cookie: string, path: string, name: string, content: Uint8Array | string, fields: Record<string, string> = {}) {
  return postUpload(t.app, path, { source: 'file', ...fields }, { name, content }, { cookie });
}

/** Posts the preview's Apply form as it stands and follows the redirect to the page with the notice. */
export async function applyPreview(t: TestApp, cookie: string, previewHtml: string, action: string, extra: Record<string, string> = {}) {
  const res = await postForm(t.app, action, { ...hiddenFields(previewHtml, 'apply'), ...extra }, { cookie });
  expect(res.status).toBe(303);
  const page = await get(t.app, res.headers.get('Location')!, { cookie: `${cookie}; ${cookiesFrom(res)}` });
  expect(page.status).toBe(200);
  return page.text();
}
