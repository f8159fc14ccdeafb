import type { ProductLine } from '@lensdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LensdeskServer } from '../app.js';
import { decodeQrImage, readPdf } from '../test-support/qr-codes.js';
import { ManualClock, backends, signInStaff, startTestServer } from '../test-support/servers.js';

const routerBody = {
  name: 'Router X1',
  slug: 'router-x1',
  serialPattern: '^RX1-\\d{4}$',
  skills: ['Routers', 'fiber', 'routers'],
  language: 'de-de',
  supportHours: {
    timeZone: 'Europe/Berlin',
    days: {
      mon: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      sat: [['10:00', '14:00']],
    },
  },
  greeting: '  Hello! An agent will be with you shortly.  ',
  callbackAfterSeconds: 180,
};

describe.each(backends)('product line routes (%s)', (backend) => {
  let server: LensdeskServer & { agentEmail: string };
  let clock: ManualClock;
  let agentCookie: string;
  let supervisorCookie: string;
  let adminCookie: string;
  let router: ProductLine;

  beforeAll(async () => {
    clock = new ManualClock();
    server = await startTestServer({ backend, clock });
    ({ agentCookie, supervisorCookie, adminCookie } = await signInStaff(server));
  });

  afterAll(async () => {
    await server.close();
  });

  const create = (payload: unknown, cookie = adminCookie) =>
    server.app.inject({
      method: 'POST',
      url: '/api/product-lines',
      headers: { cookie },
      payload: payload as object,
    });

  const patch = (id: string, payload: unknown, cookie = adminCookie) =>
    server.app.inject({
      method: 'PATCH',
      url: `/api/product-lines/${id}`,
      headers: { cookie },
      payload: payload as object,
    });

  const list = async (): Promise<ProductLine[]> => {
    const response = await server.app.inject({
      url: '/api/product-lines',
      headers: { cookie: agentCookie },
    });
    expect(response.statusCode).toBe(200);
    return response.json().productLines;
  };

  it('creates a product line with every field', async () => {
    const response = await create(routerBody);
    expect(response.statusCode).toBe(201);
    router = response.json();

    expect(router).toMatchObject({
      name: 'Router X1',
      slug: 'router-x1',
      serialPattern: '^RX1-\\d{4}$',
      checkDigit: 'none',
      skills: ['routers', 'fiber'],
      language: 'de-DE',
      supportHours: routerBody.supportHours,
      greeting: 'Hello! An agent will be with you shortly.',
      callbackAfterSeconds: 180,
      entryUrl: 'http://lensdesk.test/p/router-x1',
    });
    expect(router.createdAt).toBe(clock.now().toISOString());
  });

  it('creates a product line with defaults', async () => {
    const response = await create({ name: 'Washer W5', slug: 'washer-w5' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      serialPattern: null,
      checkDigit: 'none',
      skills: [],
      language: 'en',
      supportHours: null,
      greeting: null,
      callbackAfterSeconds: null,
    });
  });

  it('lets only admins create', async () => {
    const body = { name: 'TV', slug: 'tv' };
    expect((await create(body, agentCookie)).json().error.code).toBe('FORBIDDEN');
    expect((await create(body, supervisorCookie)).statusCode).toBe(403);

    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/api/product-lines',
      payload: body,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects bad input and stores nothing', async () => {
    const before = await list();
    const cases: [string, unknown, string][] = [
      ['unknown zone', { supportHours: { timeZone: 'Mars/Olympus', days: {} } }, 'timeZone'],
      ['offset zone', { supportHours: { timeZone: '+01:00', days: {} } }, 'timeZone'],
      [
        'end first',
        { supportHours: { timeZone: 'UTC', days: { mon: [['17:00', '09:00']] } } },
        'mon',
      ],
      [
        'bad time',
        { supportHours: { timeZone: 'UTC', days: { tue: [['9:00', '17:00']] } } },
        'tue',
      ],
      [
        'hour 25',
        { supportHours: { timeZone: 'UTC', days: { tue: [['09:00', '25:00']] } } },
        'tue',
      ],
      [
        'overlap',
        {
          supportHours: {
            timeZone: 'UTC',
            days: {
              wed: [
                ['09:00', '13:00'],
                ['12:00', '17:00'],
              ],
            },
          },
        },
        'wed',
      ],
      ['unknown day', { supportHours: { timeZone: 'UTC', days: { monday: [] } } }, 'days'],
      ['language', { language: 'not a language' }, 'language'],
      ['skill', { skills: ['routers!'] }, 'skills'],
      ['greeting', { greeting: 'x'.repeat(501) }, 'greeting'],
      ['callback', { callbackAfterSeconds: -1 }, 'callbackAfterSeconds'],
      ['slug', { slug: 'Router X' }, 'slug'],
      ['extra field', { colour: 'blue' }, 'body'],
      ['pattern group', { serialPattern: '^(A|AA)+$' }, 'serialPattern'],
    ];

    for (const [name, fields, path] of cases) {
      const response = await create({
        name: `Bad ${name}`,
        slug: 'bad-line',
        ...(fields as object),
      });
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error.code, name).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.json().error.issues), name).toContain(path);
    }
    expect(await list()).toEqual(before);
  });

  it('rejects a slug in use', async () => {
    const response = await create({ name: 'Another router', slug: 'router-x1' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('PRODUCT_LINE_EXISTS');
  });

  it('reads one product line', async () => {
    const response = await server.app.inject({
      url: `/api/product-lines/${router.id}`,
      headers: { cookie: agentCookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(router);

    const missing = await server.app.inject({
      url: '/api/product-lines/00000000-0000-4000-8000-000000000000',
      headers: { cookie: agentCookie },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('PRODUCT_LINE_NOT_FOUND');

    const malformed = await server.app.inject({
      url: '/api/product-lines/not-an-id',
      headers: { cookie: agentCookie },
    });
    expect(malformed.statusCode).toBe(400);

    const anonymous = await server.app.inject({ url: `/api/product-lines/${router.id}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('updates the fields given', async () => {
    clock.advance(60_000);
    const response = await patch(router.id, {
      name: 'Router X1 Pro',
      skills: ['routers'],
      supportHours: null,
      greeting: '',
      callbackAfterSeconds: null,
    });
    expect(response.statusCode).toBe(200);
    const updated: ProductLine = response.json();

    expect(updated).toMatchObject({
      name: 'Router X1 Pro',
      slug: 'router-x1',
      serialPattern: '^RX1-\\d{4}$',
      skills: ['routers'],
      language: 'de-DE',
      supportHours: null,
      greeting: null,
      callbackAfterSeconds: null,
      createdAt: router.createdAt,
      updatedAt: clock.now().toISOString(),
    });
    router = updated;
  });

  it('clears the serial pattern with null', async () => {
    const washer = (await list()).find((line) => line.slug === 'washer-w5');
    expect(washer).toBeDefined();
    const set = await patch(washer?.id ?? '', { serialPattern: '^\\d{8}$', checkDigit: 'mod10' });
    expect(set.json()).toMatchObject({ serialPattern: '^\\d{8}$', checkDigit: 'mod10' });

    const cleared = await patch(washer?.id ?? '', { serialPattern: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().serialPattern).toBeNull();
  });

  it('rejects bad updates and changes nothing', async () => {
    const before = await list();

    const slugTaken = await patch(router.id, { slug: 'washer-w5', name: 'Changed' });
    expect(slugTaken.statusCode).toBe(409);
    expect(slugTaken.json().error.code).toBe('PRODUCT_LINE_EXISTS');

    const badPattern = await patch(router.id, { serialPattern: '^(AB)*$' });
    expect(badPattern.statusCode).toBe(400);
    expect(badPattern.json().error.issues[0].path).toBe('serialPattern');

    const badHours = await patch(router.id, {
      name: 'Changed',
      supportHours: { timeZone: 'Europe/Nowhere', days: {} },
    });
    expect(badHours.statusCode).toBe(400);

    const empty = await patch(router.id, {});
    expect(empty.statusCode).toBe(400);

    const byAgent = await patch(router.id, { name: 'Changed' }, agentCookie);
    expect(byAgent.statusCode).toBe(403);

    const missing = await patch('00000000-0000-4000-8000-000000000000', { name: 'Changed' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('PRODUCT_LINE_NOT_FOUND');

    expect(await list()).toEqual(before);
  });

  it('encodes the product line link in SVG and PNG QR codes', async () => {
    const svg = await server.app.inject({
      url: `/api/product-lines/${router.id}/qr.svg`,
      headers: { cookie: agentCookie },
    });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(await decodeQrImage(svg.body)).toEqual(['http://lensdesk.test/p/router-x1']);

    const png = await server.app.inject({
      url: `/api/product-lines/${router.id}/qr.png?size=300&serial=RX1-0042&model=X1%20Pro`,
      headers: { cookie: agentCookie },
    });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toContain('router-x1-qr.png');
    expect(await decodeQrImage(png.rawPayload)).toEqual([
      'http://lensdesk.test/p/router-x1?serial=RX1-0042&model=X1+Pro',
    ]);
  });

  it('rejects bad QR code parameters', async () => {
    const cases = [
      'qr.png?size=20',
      'qr.png?size=big',
      'qr.svg?serial=RX1-42',
      `qr.svg?serial=${encodeURIComponent('RX1-0042\n')}x`,
      'qr.svg?model=',
      'qr.svg?colour=red',
    ];
    for (const path of cases) {
      const response = await server.app.inject({
        url: `/api/product-lines/${router.id}/${path}`,
        headers: { cookie: agentCookie },
      });
      expect(response.statusCode, path).toBe(400);
      expect(response.json().error.code, path).toBe('VALIDATION_FAILED');
    }

    const missing = await server.app.inject({
      url: '/api/product-lines/00000000-0000-4000-8000-000000000000/qr.svg',
      headers: { cookie: agentCookie },
    });
    expect(missing.statusCode).toBe(404);

    const anonymous = await server.app.inject({ url: `/api/product-lines/${router.id}/qr.svg` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('prints one A4 sheet of 24 labels', async () => {
    const response = await server.app.inject({
      url: `/api/product-lines/${router.id}/labels.pdf`,
      headers: { cookie: supervisorCookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain('router-x1-labels.pdf');

    const pdf = await readPdf(response.rawPayload);
    expect(pdf.pageCount).toBe(1);
    const text = pdf.pageTexts[0] ?? '';
    expect(text.split('Router X1 Pro')).toHaveLength(25);
    expect(text).toContain('Scan for live video support');
    expect(text).toContain('lensdesk.test/p/router-x1');
    expect(pdf.pageQrCodes[0]).toHaveLength(24);
    expect(new Set(pdf.pageQrCodes[0])).toEqual(new Set(['http://lensdesk.test/p/router-x1']));
  });

  it('prints one label per serial', async () => {
    const serials = Array.from(
      { length: 30 },
      (_, index) => `RX1-${String(index).padStart(4, '0')}`,
    );
    const query = serials.map((serial) => `serial=${serial}`).join('&');
    const response = await server.app.inject({
      url: `/api/product-lines/${router.id}/labels.pdf?${query}`,
      headers: { cookie: adminCookie },
    });
    expect(response.statusCode).toBe(200);

    const pdf = await readPdf(response.rawPayload);
    expect(pdf.pageCount).toBe(2);
    expect(pdf.pageTexts[1]).toContain('S/N RX1-0029');
    const codes = pdf.pageQrCodes.flat().sort();
    expect(codes).toEqual(
      serials.map((serial) => `http://lensdesk.test/p/router-x1?serial=${serial}`).sort(),
    );
  });

  it('prints labels for a posted list of serials', async () => {
    const serials = Array.from({ length: 150 }, (_, index) => `RX1-${1000 + index}`);
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/product-lines/${router.id}/labels.pdf`,
      headers: { cookie: adminCookie },
      payload: { serials, model: 'X1' },
    });
    expect(response.statusCode).toBe(200);
    const pdf = await readPdf(response.rawPayload);
    expect(pdf.pageCount).toBe(7);
    expect(pdf.pageQrCodes[6]).toContain(
      'http://lensdesk.test/p/router-x1?serial=RX1-1149&model=X1',
    );
  });

  it('rejects serials that do not fit the pattern', async () => {
    const response = await server.app.inject({
      url: `/api/product-lines/${router.id}/labels.pdf?serial=RX1-0001&serial=RX2-0002`,
      headers: { cookie: adminCookie },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual([
      {
        path: 'querystring.serial.1',
        message: 'RX2-0002 does not match the serial pattern ^RX1-\\d{4}$.',
      },
    ]);

    const tooMany = await server.app.inject({
      method: 'POST',
      url: `/api/product-lines/${router.id}/labels.pdf`,
      headers: { cookie: adminCookie },
      payload: { serials: Array.from({ length: 1001 }, () => 'RX1-0001') },
    });
    expect(tooMany.statusCode).toBe(400);

    const none = await server.app.inject({
      method: 'POST',
      url: `/api/product-lines/${router.id}/labels.pdf`,
      headers: { cookie: adminCookie },
      payload: { serials: [] },
    });
    expect(none.statusCode).toBe(400);
  });

  it('documents the routes in OpenAPI', async () => {
    const response = await server.app.inject({ url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    for (const path of [
      '/api/product-lines/',
      '/api/product-lines/{id}',
      '/api/product-lines/{id}/qr.svg',
      '/api/product-lines/{id}/qr.png',
      '/api/product-lines/{id}/labels.pdf',
      '/api/users',
      '/api/users/{id}',
      '/api/teams',
      '/api/teams/{id}',
    ]) {
      expect(paths, path).toContain(path);
    }
  });

  it('checks the check digit of label serials', async () => {
    const washer = (await list()).find((line) => line.slug === 'washer-w5');
    await patch(washer?.id ?? '', { serialPattern: '^\\d{8}$', checkDigit: 'mod10' });

    const valid = await server.app.inject({
      url: `/api/product-lines/${washer?.id}/qr.svg?serial=12345674`,
      headers: { cookie: adminCookie },
    });
    expect(valid.statusCode).toBe(200);

    const wrongDigit = await server.app.inject({
      url: `/api/product-lines/${washer?.id}/qr.svg?serial=12345675`,
      headers: { cookie: adminCookie },
    });
    expect(wrongDigit.statusCode).toBe(400);
    expect(wrongDigit.json().error.issues[0]).toEqual({
      path: 'querystring.serial',
      message: '12345675 fails the mod10 check digit.',
    });
  });
});
