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
  | 'service_error';

/** Action of the "Try again" button of a problem screen, or null when the screen has none. */
export type ProblemAction = 'start_camera' | 'reload' | null;

/** Status line of the call screen. */
export type CustomerCallStatus = 'waiting_agent' | 'connecting' | 'connected' | 'reconnecting';

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
