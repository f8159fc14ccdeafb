import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { iceServersFor } from './ice.js';

describe('iceServersFor', () => {
  it('returns the configured servers without TURN', () => {
    const config = loadConfig({ ICE_SERVERS: '[{"urls":"stun:127.0.0.1:3478"}]' });

    expect(iceServersFor(config, 'session', new Date())).toEqual([{ urls: 'stun:127.0.0.1:3478' }]);
  });

  it('issues short-lived TURN credentials', () => {
    const config = loadConfig({
      TURN_URLS: 'turn:127.0.0.1:3478',
      TURN_SECRET: 'shared-secret',
      TURN_CREDENTIAL_TTL_SECONDS: '600',
    });
    const now = new Date('2026-03-01T00:00:00Z');

    const [turn] = iceServersFor(config, 'abc', now);
    const expiry = now.getTime() / 1000 + 600;
    expect(turn?.username).toBe(`${expiry}:abc`);
    expect(turn?.credential).toBe(
      createHmac('sha1', 'shared-secret').update(`${expiry}:abc`).digest('base64'),
    );
  });
});
