import { request } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { type ReferenceServer, startReferenceServer } from './reference-server.js';
import { startTlsFront, type TlsFront } from './tls-front.js';

let api: ReferenceServer | undefined;
let front: TlsFront | undefined;
afterEach(async () => {
  await front?.close();
  await api?.close();
  front = undefined;
  api = undefined;
});

function get(url: string, ca?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startTlsFront', () => {
  it('serves the loopback server over https to a client that trusts its certificate', async () => {
    api = await startReferenceServer();
    api.route('GET', '/hello/:name', ({ params, headers }) => ({ body: { hello: params.name, host: headers.host } }));
    front = await startTlsFront(Number(new URL(api.url).port));
    expect(front.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(front.certificate).toContain('BEGIN CERTIFICATE');
    const { status, body } = await get(`${front.origin}/hello/ann`, front.certificate);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ hello: 'ann', host: new URL(front.origin).host });
    expect(api.requests.map((r) => r.path)).toEqual(['/hello/ann']);
  });

  it('is refused by a client that does not trust the certificate', async () => {
    api = await startReferenceServer();
    front = await startTlsFront(Number(new URL(api.url).port));
    await expect(get(`${front.origin}/x`)).rejects.toThrow(/self[- ]signed/i);
    expect(api.requests).toEqual([]);
  });
});
