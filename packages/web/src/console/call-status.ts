import type { CallState } from '@lensdesk/protocol';
import type { ConnectionStatus } from '../shared/call-client';

/** Status line of the agent's call view. */
export type AgentCallStatus =
  | 'joining'
  | 'waiting_customer'
  | 'consent'
  | 'connecting'
  | 'connected'
  | 'customer_left'
  | 'reconnecting';

/**
 * Derives the agent's status line from the signaling and peer connection states. A lost
 * signaling connection wins over a peer connection that still looks connected.
 */
export function agentCallStatus(
  connection: ConnectionStatus,
  state: CallState | null,
  peerState: RTCPeerConnectionState | null,
): AgentCallStatus {
  if (connection === 'reconnecting') {
    return 'reconnecting';
  }
  if (peerState === 'connected') {
    return 'connected';
  }
  if (state === null || connection === 'connecting') {
    return 'joining';
  }
  if (!state.customerPresent) {
    // A customer who started once and is gone now has left (or is reloading the page).
    return state.customerStarted ? 'customer_left' : 'waiting_customer';
  }
  return state.customerStarted ? 'connecting' : 'consent';
}
