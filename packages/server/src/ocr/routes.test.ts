import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LensdeskServer } from '../app.js';
import { signIn, startTestServer } from '../test-support/servers.js';

/** A 1280×720 frame with a label whose serial sits in the region (0.25, 0.40, 0.45, 0.12). */
async function labelFrame(): Promise<Buffer> {
  const label = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="260"><rect width="100%" height="100%" rx="10" fill="#f2f2ee"/>
    <text x="24" y="60" font-family="DejaVu Sans" font-size="34" fill="#222">MODEL WX-4200</text>
    <text x="24" y="140" font-family="DejaVu Sans Mono" font-size="40" font-weight="bold" fill="#111">S/N 7K3Q-88217-LD</text>
    <text x="24" y="215" font-family="DejaVu Sans" font-size="26" fill="#333">230V~ 50Hz 2.1A</text></svg>`;
  return sharp({ create: { width: 1280, height: 720, channels: 3, background: '#3c4148' } })
    .composite([{ input: Buffer.from(label), left: 300, top: 200 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe('serial reading routes', () => {
  let server: LensdeskServer & { agentEmail: string };
  let agentCookie: string;
  let adminCookie: string;
  let productLineId: string;

  beforeAll(async () => {
    server = await startTestServer();
    await server.auth.createUser({
      email: 'admin@example.com',
      name: 'Ada Admin',
      role: 'admin',
      password: 'an admin password',
    });
    agentCookie = await signIn(server, server.agentEmail);
    adminCookie = await signIn(server, 'admin@example.com', 'an admin password');
  });

  afterAll(async () => {
    await server.close();
  });

  it('lets only admins create product lines', async () => {
    const body = {
      name: 'Washers',
      slug: 'washers',
      serialPattern: '^[0-9A-Z]{4}-\\d{5}-[A-Z]{2}$',
    };

    const byAgent = await server.app.inject({
      method: 'POST',
      url: '/api/product-lines',
      headers: { cookie: agentCookie },
      payload: body,
    });
    expect(byAgent.statusCode).toBe(403);

    const created = await server.app.inject({
      method: 'POST',
      url: '/api/product-lines',
      headers: { cookie: adminCookie },
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    productLineId = created.json().id;

    const again = await server.app.inject({
      method: 'POST',
      url: '/api/product-lines',
      headers: { cookie: adminCookie },
      payload: body,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PRODUCT_LINE_EXISTS');

    const list = await server.app.inject({
      url: '/api/product-lines',
      headers: { cookie: agentCookie },
    });
    expect(list.json().productLines.map((line: { slug: string }) => line.slug)).toEqual([
      'washers',
    ]);
  });

  it('rejects unusable serial patterns', async () => {
    for (const serialPattern of ['^(a+)+$', '^(a|a)*$', '^(a|aa)+$', 'no-anchors', '^[A-Z$']) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/product-lines',
        headers: { cookie: adminCookie },
        payload: { name: 'Bad', slug: 'bad', serialPattern },
      });
      expect(response.statusCode, serialPattern).toBe(400);
      expect(response.json().error.code, serialPattern).toBe('VALIDATION_FAILED');
      expect(response.json().error.issues[0].path, serialPattern).toMatch(/serialPattern$/);
    }
  });

  it('reads a serial and confirms it into the case', async () => {
    const invite = (
      await server.app.inject({
        method: 'POST',
        url: '/api/sessions',
        headers: { cookie: agentCookie },
        payload: {},
      })
    ).json();
    const upload = await server.app.inject({
      method: 'POST',
      url: `/api/sessions/${invite.id}/snapshots?source=agent_request`,
      headers: { cookie: agentCookie, 'content-type': 'image/jpeg' },
      payload: await labelFrame(),
    });
    const snapshot = upload.json();

    const read = await server.app.inject({
      method: 'POST',
      url: `/api/snapshots/${snapshot.id}/read`,
      headers: { cookie: agentCookie },
      payload: { region: { x: 0.25, y: 0.4, width: 0.45, height: 0.12 }, productLineId },
    });
    expect(read.statusCode).toBe(200);
    const result = read.json();
    expect(result.serialCandidates[0]).toMatchObject({
      value: '7K3Q-88217-LD',
      pattern: 'Washers',
    });

    const confirm = await server.app.inject({
      method: 'PATCH',
      url: `/api/sessions/${invite.id}`,
      headers: { cookie: agentCookie },
      payload: {
        serialNumber: result.serialCandidates[0].value,
        productLineId,
        readId: result.readId,
      },
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({
      serialNumber: '7K3Q-88217-LD',
      productLine: { name: 'Washers' },
    });

    const types = confirm.json().events.map((event: { type: string }) => event.type);
    expect(types).toEqual(expect.arrayContaining(['snapshot', 'ocr', 'case_updated']));
  }, 60_000);

  it('rejects bad reads and stores nothing', async () => {
    const invite = (
      await server.app.inject({
        method: 'POST',
        url: '/api/sessions',
        headers: { cookie: agentCookie },
        payload: {},
      })
    ).json();
    const snapshot = (
      await server.app.inject({
        method: 'POST',
        url: `/api/sessions/${invite.id}/snapshots`,
        headers: { cookie: agentCookie, 'content-type': 'image/jpeg' },
        payload: await labelFrame(),
      })
    ).json();

    const cases: [string, object, number, string][] = [
      [
        'outside',
        { region: { x: 0.9, y: 0.9, width: 0.5, height: 0.5 } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'zero size',
        { region: { x: 0.2, y: 0.2, width: 0, height: 0.1 } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'unknown line',
        { productLineId: '00000000-0000-4000-8000-000000000000' },
        404,
        'PRODUCT_LINE_NOT_FOUND',
      ],
    ];
    for (const [name, payload, status, code] of cases) {
      const response = await server.app.inject({
        method: 'POST',
        url: `/api/snapshots/${snapshot.id}/read`,
        headers: { cookie: agentCookie },
        payload,
      });
      expect(response.statusCode, name).toBe(status);
      expect(response.json().error.code, name).toBe(code);
    }

    const unknown = await server.app.inject({
      method: 'POST',
      url: '/api/snapshots/00000000-0000-4000-8000-000000000000/read',
      headers: { cookie: agentCookie },
      payload: {},
    });
    expect(unknown.json().error.code).toBe('SNAPSHOT_NOT_FOUND');

    const anonymous = await server.app.inject({
      method: 'POST',
      url: `/api/snapshots/${snapshot.id}/read`,
      payload: {},
    });
    expect(anonymous.statusCode).toBe(401);

    const detail = await server.sessions.detail(invite.id);
    expect(detail.events.some((event) => event.type === 'ocr')).toBe(false);
    expect(detail.serialNumber).toBeNull();
  });
});
