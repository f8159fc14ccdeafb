import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LensdeskServer } from '../app.js';
import { signIn, startTestServer } from '../test-support/servers.js';

async function jpeg(width: number, height: number, colour = '#3a6ea5') {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

describe('snapshot routes', () => {
  let server: LensdeskServer & { agentEmail: string };
  let cookie: string;
  let dataDir: string;
  let photo: Buffer;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lensdesk-snapshots-'));
    server = await startTestServer({ env: { DATA_DIR: dataDir } });
    cookie = await signIn(server, server.agentEmail);
    photo = await jpeg(1920, 1080);
  });

  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function createInvite() {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie },
      payload: {},
    });
    const invite = response.json<{ id: string; customerUrl: string }>();
    return { id: invite.id, token: invite.customerUrl.split('/s/')[1] ?? '' };
  }

  const upload = (sessionId: string, body: Buffer, headers: Record<string, string>) =>
    server.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/snapshots?source=agent_request`,
      headers: { 'content-type': 'image/jpeg', ...headers },
      payload: body,
    });

  it('stores an upload at full resolution', async () => {
    const session = await createInvite();
    const response = await upload(session.id, photo, { authorization: `Bearer ${session.token}` });

    expect(response.statusCode).toBe(201);
    const snapshot = response.json();
    expect(snapshot).toMatchObject({ width: 1920, height: 1080, contentType: 'image/jpeg' });

    const image = await server.app.inject({ url: snapshot.url, headers: { cookie } });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.equals(photo)).toBe(true);

    const detail = await server.sessions.detail(session.id);
    expect(detail.events.at(-1)).toMatchObject({
      type: 'snapshot',
      actorType: 'customer',
      data: { snapshotId: snapshot.id, width: 1920, height: 1080 },
    });
  });

  it('returns the same snapshot for a retried upload', async () => {
    const session = await createInvite();
    const key = randomUUID();

    const first = await upload(session.id, photo, { cookie, 'idempotency-key': key });
    const retry = await upload(session.id, photo, { cookie, 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(key);

    const other = await upload(session.id, await jpeg(64, 64), { cookie, 'idempotency-key': key });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('UPLOAD_CONFLICT');

    const list = await server.app.inject({
      url: `/api/sessions/${session.id}/snapshots`,
      headers: { cookie },
    });
    expect(list.json().snapshots).toHaveLength(1);
    const events = (await server.sessions.detail(session.id)).events.filter(
      (event) => event.type === 'snapshot',
    );
    expect(events).toHaveLength(1);
  });

  it('rejects bad images and stores nothing', async () => {
    const session = await createInvite();
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const huge = await sharp({
      create: { width: 8000, height: 7000, channels: 3, background: '#fff' },
    })
      .png({ compressionLevel: 1 })
      .toBuffer();

    const cases: [string, Buffer, string, number][] = [
      ['text', Buffer.from('not an image at all'), 'IMAGE_INVALID', 400],
      ['truncated jpeg', photo.subarray(0, Math.floor(photo.length / 2)), 'IMAGE_INVALID', 400],
      ['gif', gif, 'IMAGE_INVALID', 400],
      ['56 megapixels', huge, 'IMAGE_TOO_LARGE', 413],
    ];
    for (const [name, body, code, status] of cases) {
      const response = await upload(session.id, body, { cookie });
      expect(response.statusCode, name).toBe(status);
      expect(response.json().error.code, name).toBe(code);
    }

    const wrongType = await server.app.inject({
      method: 'POST',
      url: `/api/sessions/${session.id}/snapshots`,
      headers: { cookie, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const list = await server.app.inject({
      url: `/api/sessions/${session.id}/snapshots`,
      headers: { cookie },
    });
    expect(list.json().snapshots).toEqual([]);
  });

  it('rejects uploads once the call ended', async () => {
    const session = await createInvite();
    await server.sessions.endCall(session.id, { type: 'agent', id: null });

    const response = await upload(session.id, photo, { cookie });
    expect(response.statusCode).toBe(410);
    expect(response.json().error.code).toBe('SESSION_ENDED');
  });

  it('keeps customers to their own session', async () => {
    const mine = await createInvite();
    const theirs = await createInvite();

    const anonymous = await upload(mine.id, photo, {});
    expect(anonymous.statusCode).toBe(401);

    const crossed = await upload(theirs.id, photo, { authorization: `Bearer ${mine.token}` });
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().error.code).toBe('SESSION_NOT_FOUND');

    const stored = (await upload(theirs.id, photo, { cookie })).json();
    const read = await server.app.inject({
      url: stored.url,
      headers: { authorization: `Bearer ${mine.token}` },
    });
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('SNAPSHOT_NOT_FOUND');
  });

  it('resumes a chunked upload', async () => {
    const session = await createInvite();
    const id = randomUUID();
    const url = `/api/sessions/${session.id}/snapshots/${id}`;
    const total = photo.length;
    const third = Math.floor(total / 3);
    const put = (start: number, end: number, body = photo.subarray(start, end + 1)) =>
      server.app.inject({
        method: 'PUT',
        url,
        headers: {
          cookie,
          'content-type': 'application/octet-stream',
          'content-range': `bytes ${start}-${end}/${total}`,
        },
        payload: body,
      });

    const last = await put(2 * third, total - 1);
    expect(last.statusCode).toBe(202);
    expect(last.json().receivedBytes).toBe(0);

    const first = await put(0, third - 1);
    expect(first.json().receivedBytes).toBe(third);
    const firstAgain = await put(0, third - 1);
    expect(firstAgain.json().receivedBytes).toBe(third);

    const progress = await server.app.inject({ url: `${url}/upload`, headers: { cookie } });
    expect(progress.json()).toEqual({ snapshotId: id, receivedBytes: third, totalBytes: total });

    const tampered = Buffer.from(photo.subarray(third - 10, 2 * third));
    tampered[0] = (tampered[0] ?? 0) ^ 0xff;
    const conflict = await put(third - 10, 2 * third - 1, tampered);
    expect(conflict.statusCode).toBe(409);

    const rewritten = Buffer.from(photo.subarray(0, third));
    rewritten[5] = (rewritten[5] ?? 0) ^ 0xff;
    const early = await put(0, third - 1, rewritten);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('UPLOAD_CONFLICT');

    const middle = await put(third, 2 * third - 1);
    expect(middle.statusCode).toBe(201);
    expect(middle.json()).toMatchObject({ id, width: 1920, height: 1080, bytes: total });

    const image = await server.app.inject({ url: `/api/snapshots/${id}`, headers: { cookie } });
    expect(image.rawPayload.equals(photo)).toBe(true);

    const repeated = await put(0, third - 1);
    expect(repeated.statusCode).toBe(200);
  });
});
