import { createHmac } from 'node:crypto';
import type { IceServer } from '@lensdesk/protocol';
import type { Config } from '../config.js';

/**
 * Returns the ICE servers for one participant: the configured list, plus TURN with short-lived
 * credentials when a TURN secret is set. The credentials follow the TURN REST API convention that
 * coturn checks with `--use-auth-secret`: the username is `<expiry unix time>:<label>` and the
 * password is the base64 HMAC-SHA1 of the username keyed by the shared secret.
 */
export function iceServersFor(config: Config, label: string, now: Date): IceServer[] {
  if (config.turn === undefined) return config.iceServers;

  const expiry = Math.floor(now.getTime() / 1000) + config.turn.credentialTtlSeconds;
  const username = `${expiry}:${label}`;
  const credential = createHmac('sha1', config.turn.secret).update(username).digest('base64');
  return [...config.iceServers, { urls: config.turn.urls, username, credential }];
}
