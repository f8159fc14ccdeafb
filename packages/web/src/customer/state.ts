import type { CallClosedReason, CallState, SessionStatus } from '@lensdesk/protocol';
import type { ConnectionStatus } from '../shared/call-client';
import type { ClientErrorCode } from '../shared/errors';
import type { MediaFailure } from '../shared/media';

/** Every situation in which the customer page shows a full-screen explanation instead of a call. */
export type CustomerProblem =
  | MediaFailure
  | 'link_invalid'
  | 'link_expired'
  | 'session_ended'
  | 'already_connected'
  | 'replaced'
  | 'ended_by_agent'
  | 'ended_by_customer'
  | 'unreachable'
  | 'service_error'
  | 'page_not_found'
  | 'left_queue'
  | 'callback_requested';

/** Action of the "Try again" button of a problem screen, or null when the screen has none. */
export type ProblemAction = 'start_camera' | 'reload' | null;

/** Status line of the call screen. */
export type CustomerCallStatus = 'waiting_agent' | 'connecting' | 'connected' | 'reconnecting';

/**
 * What a customer page path opens: a session link (`/s/<token>`), a product line's support page
 * (`/p/<slug>`, the target of its QR code and website button), the code entry (`/join`), or the
 * survey of a past call (`/survey/<token>`, the link the survey e-mail carries).
 * Any other path reads as a session link without a token, which shows "This link does not work".
 */
export type CustomerRoute =
  | { kind: 'session'; token: string | null }
  | { kind: 'entry'; slug: string }
  | { kind: 'join' }
  | { kind: 'survey'; token: string };

export function customerRoute(pathname: string): CustomerRoute {
  if (/^\/join\/?$/.test(pathname)) {
    return { kind: 'join' };
  }
  const survey = /^\/survey\/([^/?#]+)\/?$/.exec(pathname);
  if (survey?.[1] !== undefined) {
    const token = decodePathPart(survey[1]);
    if (token !== null) {
      return { kind: 'survey', token };
    }
  }
  const entry = /^\/p\/([^/?#]+)\/?$/.exec(pathname);
  if (entry?.[1] !== undefined) {
    const slug = decodePathPart(entry[1]);
    if (slug !== null) {
      return { kind: 'entry', slug };
    }
  }
  return { kind: 'session', token: tokenFromPath(pathname) };
}

function decodePathPart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Path of the customer page for a session token, where the page continues after entry. */
export function sessionPathOf(token: string): string {
  return `/s/${encodeURIComponent(token)}`;
}

/** Device details and entry kind that a QR code or website button puts in the `/p/<slug>` URL. */
export interface EntryParams {
  entry: 'qr' | 'widget';
  serialNumber?: string;
  modelNumber?: string;
}

// Maximum length of a serial or model number that the server accepts.
const maxDeviceTextLength = 80;

/** Reads `?serial=…&model=…&entry=widget`; values that are empty or too long are left out. */
export function entryParams(search: string): EntryParams {
  const query = new URLSearchParams(search);
  const params: EntryParams = { entry: query.get('entry') === 'widget' ? 'widget' : 'qr' };
  const serial = query.get('serial')?.trim() ?? '';
  const model = query.get('model')?.trim() ?? '';
  if (serial !== '' && serial.length <= maxDeviceTextLength) {
    params.serialNumber = serial;
  }
  if (model !== '' && model.length <= maxDeviceTextLength) {
    params.modelNumber = model;
  }
  return params;
}

/**
 * Returns the six digits of a join code as typed, accepting spaces and dashes between them
 * ("123 456", "123-456"), or null when the input has anything else or another number of digits.
 */
export function parseJoinCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Estimated wait as the waiting room words it: unknown, under a minute, or whole minutes. */
export type WaitEstimate =
  { kind: 'unknown' } | { kind: 'under_minute' } | { kind: 'minutes'; minutes: number };

/** Rounds an estimated wait in seconds up to whole minutes, the precision an estimate deserves. */
export function waitEstimate(seconds: number | null): WaitEstimate {
  if (seconds === null) {
    return { kind: 'unknown' };
  }
  if (seconds < 60) {
    return { kind: 'under_minute' };
  }
  return { kind: 'minutes', minutes: Math.ceil(seconds / 60) };
}

/** Extracts the link token from a customer page path such as `/s/<token>`. */
export function tokenFromPath(pathname: string): string | null {
  const match = /^\/s\/([^/?#]+)\/?$/.exec(pathname);
  if (match?.[1] === undefined) {
    return null;
  }
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/**
 * Maps a request or handshake error to the screen shown for it. Only failures to reach the
 * server read as "Could not reach support"; an error the server returned reads as its own.
 */
export function problemForErrorCode(code: ClientErrorCode): CustomerProblem {
  switch (code) {
    case 'LINK_INVALID':
    case 'SESSION_NOT_FOUND':
    case 'UNAUTHENTICATED':
      return 'link_invalid';
    case 'LINK_EXPIRED':
      return 'link_expired';
    case 'SESSION_ENDED':
      return 'session_ended';
    case 'CUSTOMER_ALREADY_CONNECTED':
      return 'already_connected';
    case 'PRODUCT_LINE_NOT_FOUND':
      return 'page_not_found';
    case 'NETWORK_FAILED':
    case 'TIMEOUT':
      return 'unreachable';
    default:
      return 'service_error';
  }
}

/**
 * Maps an error from checking the link (the session request or the socket handshake) to its
 * screen. The server rejects a malformed token with VALIDATION_FAILED, which is a damaged link
 * like LINK_INVALID.
 */
export function problemForLinkError(code: ClientErrorCode): CustomerProblem {
  return code === 'VALIDATION_FAILED' ? 'link_invalid' : problemForErrorCode(code);
}

/** Maps the server's `call:closed` reason to the screen shown for it. */
export function problemForCloseReason(reason: CallClosedReason): CustomerProblem {
  switch (reason) {
    case 'ended_by_agent':
      return 'ended_by_agent';
    case 'ended_by_customer':
      return 'ended_by_customer';
    case 'replaced':
      return 'replaced';
    case 'expired':
      return 'link_expired';
  }
}

/** Returns whether a session in `status` can still take a call from its link. */
export function isJoinable(status: SessionStatus): boolean {
  return status === 'waiting' || status === 'ringing' || status === 'active';
}

/** Returns what the problem screen's "Try again" button does. */
export function problemAction(problem: CustomerProblem): ProblemAction {
  switch (problem) {
    case 'permission_denied':
    case 'camera_busy':
    case 'camera_failed':
      return 'start_camera';
    case 'already_connected':
    case 'unreachable':
    case 'service_error':
      return 'reload';
    default:
      return null;
  }
}

/**
 * Derives the call screen's status line from the signaling and peer connection states. A lost
 * signaling connection wins over a peer connection that still looks connected, so the line never
 * reads "Connected" next to the reconnecting notice.
 */
export function customerCallStatus(
  connection: ConnectionStatus,
  state: CallState | null,
  peerState: RTCPeerConnectionState | null,
): CustomerCallStatus {
  if (connection === 'reconnecting') {
    return 'reconnecting';
  }
  if (peerState === 'connected') {
    return 'connected';
  }
  if (connection === 'connected' && state !== null && !state.agentPresent) {
    return 'waiting_agent';
  }
  return 'connecting';
}

/** Returns whether support opens later today, tomorrow or later, by the viewer's calendar. */
export function openingDay(opensAt: Date, now: Date): 'today' | 'tomorrow' | 'later' {
  const startOfDay = (date: Date): number =>
    new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const today = startOfDay(now);
  const tomorrow = startOfDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
  const opening = startOfDay(opensAt);
  if (opening <= today) {
    return 'today';
  }
  return opening === tomorrow ? 'tomorrow' : 'later';
}
