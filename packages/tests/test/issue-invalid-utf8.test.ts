import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, type Harness, startHarness } from './api/apiHarness.js';

const T = 'b2b-follow-up';
let h: Harness;
let cookie = '';
beforeAll(async () => {
  h = await startHarness();
  cookie = cookieOf(await h.as('rep-a'));
});
afterAll(() => h.close());

const recordCount = async () => (await h.server.store.queryRecords(T, { limit: 1000 })).records.length;

/** Posts raw bytes as a `records.create` body. */
async function createWithBody(body: Buffer): Promise<{ status: number; text: string }> {
  const response = await fetch(`${h.server.url}/trpc/records.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-veil-csrf': '1', cookie },
    body,
  });
  return { status: response.status, text: await response.text() };
}

const body = (company: Buffer) =>
  Buffer.concat([
    Buffer.from(`{"templateId":"${T}","changes":[{"pointer":"/company","value":"`),
    company,
    Buffer.from('"},{"pointer":"/stage","value":"lead"}]}'),
  ]);

describe('invalid UTF-8 in a request value', () => {
  it('a control: the same request with valid text is stored', async () => {
    const before = await recordCount();
    const ok = await createWithBody(body(Buffer.from('有效公司 Valid Co.')));
    expect(ok.status).toBe(200);
    expect(await recordCount()).toBe(before + 1);
  });

  it('bytes that are not UTF-8 are refused with a clear error and nothing is stored', async () => {
    const before = await recordCount();
    const bad = await createWithBody(body(Buffer.from([0x41, 0xff, 0xfe, 0x42])));
    expect(bad.status).toBe(400);
    const error = JSON.parse(bad.text) as { error: { message: string; data: { veilCode: string } } };
    expect(error.error.data.veilCode).toBe('invalid-input');
    expect(error.error.message).toMatch(/UTF-8/);
    expect(bad.text).not.toContain('\ufffd');
    expect(await recordCount()).toBe(before);
  });

  it('a lone surrogate escape (not encodable as UTF-8) is refused too', async () => {
    const before = await recordCount();
    const bad = await createWithBody(body(Buffer.from('Co\\ud800rp')));
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/UTF-8|Unicode/);
    expect(await recordCount()).toBe(before);
  });

  it('a query whose URL input holds invalid percent-encoded bytes is refused', async () => {
    const input = `%7B%22templateId%22%3A%22${T}%22%2C%22search%22%3A%22%FF%22%7D`;
    const response = await fetch(`${h.server.url}/trpc/records.list?input=${input}`, {
      headers: { 'x-veil-csrf': '1', cookie },
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).toMatch(/UTF-8/);
  });
});
