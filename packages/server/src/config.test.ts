import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, environmentVariableNames, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the embedded defaults', () => {
    const config = loadConfig({});

    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.inviteTtlMs).toBe(24 * 3_600_000);
    expect(config.iceServers).toEqual([]);
    expect(config.turn).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      PUBLIC_URL: 'https://support.example.com/',
      DATABASE_URL: 'postgres://lensdesk@db/lensdesk',
      INVITE_TTL_HOURS: '0.5',
      ICE_SERVERS: '[{"urls":"stun:stun.example.com:3478"}]',
      TURN_URLS: 'turn:turn.example.com:3478, turns:turn.example.com:5349',
      TURN_SECRET: 's3cret',
    });

    expect(config.port).toBe(9000);
    expect(config.publicUrl).toBe('https://support.example.com');
    expect(config.databaseUrl).toBe('postgres://lensdesk@db/lensdesk');
    expect(config.inviteTtlMs).toBe(1_800_000);
    expect(config.iceServers).toEqual([{ urls: 'stun:stun.example.com:3478' }]);
    expect(config.turn?.urls).toEqual([
      'turn:turn.example.com:3478',
      'turns:turn.example.com:5349',
    ]);
  });

  it('names each invalid variable', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db', ICE_SERVERS: '{oops' });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: /);
    expect(attempt).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(attempt).toThrow(/ICE_SERVERS: must be a JSON array/);
  });

  it('rejects an empty or zero port', () => {
    expect(() => loadConfig({ PORT: '' })).toThrow(/PORT: must be a whole number from 1 to 65535/);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      /PORT: must be a whole number from 1 to 65535/,
    );
    expect(() => loadConfig({ PORT: '0' })).toThrow(/PORT: must be from 1 to 65535/);
  });

  it('trusts proxies only when told', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY: must be true or false/);
  });

  it('requires TURN settings together', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.example.com' })).toThrow(
      /TURN_URLS and TURN_SECRET must be set together/,
    );
  });

  it('documents every variable in the README', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

    for (const name of environmentVariableNames) {
      expect(readme, name).toContain(`| \`${name}\``);
    }
  });
});
