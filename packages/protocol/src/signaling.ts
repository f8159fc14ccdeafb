import { z } from 'zod';
import type { ErrorInfo } from './errors.js';
import {
  type AnnotationMessage,
  type CameraCapabilities,
  type CameraCommand,
  type CapturePurpose,
  type CaptureFailed,
  type LiveToolsState,
  annotationMessageSchema,
  cameraCapabilitiesSchema,
  cameraCommandSchema,
  captureDoneSchema,
  captureFailedSchema,
  captureRequestSchema,
} from './live-tools.js';
import type { Snapshot } from './snapshots.js';
import type {
  AgentPresence,
  Offer,
  QueuePosition,
  QueueState,
  offerWithdrawnReasonSchema,
} from './queue.js';
import { type ChatMessage, maxChatLength, sessionStatusSchema } from './session.js';

/** Largest Socket.IO message the server accepts, in bytes. SDP with many candidates stays far below. */
export const maxSignalingMessageBytes = 64 * 1024;

/** Credentials a socket presents in its handshake `auth`: customers a link token, agents a session id. */
export const socketAuthSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('customer'),
    token: z.string().min(16).max(200),
    /** Random id kept by the customer's browser tab, so a reload takes over its own call. */
    clientId: z.string().min(8).max(64),
  }),
  z.object({ role: z.literal('agent'), sessionId: z.uuid() }),
  /** A signed-in console outside any call: presence, offers and the live queue. */
  z.object({ role: z.literal('console') }),
]);
export type SocketAuth = z.infer<typeof socketAuthSchema>;

/** One ICE server, in the shape `RTCPeerConnection` takes. */
export const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

const participantSchema = z.object({ name: z.string(), initials: z.string() });

/** Snapshot of a call that the server sends each participant on join and on every change. */
export const callStateSchema = z.object({
  sessionId: z.string(),
  status: sessionStatusSchema,
  agent: participantSchema.nullable(),
  customer: participantSchema.nullable(),
  agentPresent: z.boolean(),
  customerPresent: z.boolean(),
  /** True once the customer pressed Start; the peers negotiate media only after that. */
  customerStarted: z.boolean(),
  iceServers: z.array(iceServerSchema),
});
export type CallState = z.infer<typeof callStateSchema>;

/** Session description or ICE candidate relayed to the other peer, as in perfect negotiation. */
export const signalSchema = z.union([
  z.object({
    description: z.object({
      type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
      sdp: z.string().max(maxSignalingMessageBytes).optional(),
    }),
  }),
  z.object({
    candidate: z
      .object({
        candidate: z.string().max(2048),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(255).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .nullable(),
  }),
]);
export type Signal = z.infer<typeof signalSchema>;

export const chatSendSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'The message is empty.')
    .max(maxChatLength, `A message has at most ${maxChatLength} characters.`),
});
export type ChatSend = z.infer<typeof chatSendSchema>;

export const mediaStateSchema = z.object({
  audioMuted: z.boolean(),
  videoEnabled: z.boolean(),
  facingMode: z.enum(['user', 'environment']).nullable(),
});
export type MediaState = z.infer<typeof mediaStateSchema>;

export const cameraSwitchedSchema = z.object({ facingMode: z.enum(['user', 'environment']) });
export const mediaConnectedSchema = z.object({
  /** Milliseconds from the peer connection's creation to the first decoded frame. */
  elapsedMs: z.number().min(0).max(3_600_000),
});
export const emptySchema = z.object({}).strict();

/** Result of every client-to-server event, delivered as the Socket.IO acknowledgement. */
export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: ErrorInfo };
export type AckCallback<T = Record<string, never>> = (result: Ack<T>) => void;

/**
 * Schemas of every client-to-server event payload. The server parses each payload with its schema
 * before acting, and acknowledges a payload that fails with `VALIDATION_FAILED`.
 */
export const clientEventSchemas = {
  'call:start': emptySchema,
  signal: signalSchema,
  'chat:send': chatSendSchema,
  'media:state': mediaStateSchema,
  'media:connected': mediaConnectedSchema,
  'camera:switched': cameraSwitchedSchema,
  'call:end': emptySchema,
  'annotation:op': annotationMessageSchema,
  'capture:request': captureRequestSchema,
  'capture:done': captureDoneSchema,
  'capture:failed': captureFailedSchema,
  'freeze:resume': emptySchema,
  'camera:command': cameraCommandSchema,
  'camera:capabilities': cameraCapabilitiesSchema,
} as const;

/** Events that browsers send to the server; every one takes an acknowledgement callback. */
export interface ClientToServerEvents {
  'call:start': (payload: Record<string, never>, ack: AckCallback) => void;
  signal: (payload: Signal, ack: AckCallback) => void;
  'chat:send': (payload: ChatSend, ack: AckCallback<{ message: ChatMessage }>) => void;
  'media:state': (payload: MediaState, ack: AckCallback) => void;
  'media:connected': (payload: z.infer<typeof mediaConnectedSchema>, ack: AckCallback) => void;
  'camera:switched': (payload: z.infer<typeof cameraSwitchedSchema>, ack: AckCallback) => void;
  'call:end': (payload: Record<string, never>, ack: AckCallback) => void;
  /** Any participant: one annotation operation (agents draw; pointer moves only while the data channel is closed). */
  'annotation:op': (payload: AnnotationMessage, ack: AckCallback) => void;
  /** Agent: ask the customer's device for a full-resolution still; the ack carries the request id. */
  'capture:request': (
    payload: { purpose: CapturePurpose },
    ack: AckCallback<{ requestId: string }>,
  ) => void;
  /** Customer: the still of a capture request is uploaded as this snapshot. */
  'capture:done': (payload: { requestId: string; snapshotId: string }, ack: AckCallback) => void;
  /** Customer: the still of a capture request could not be taken or uploaded. */
  'capture:failed': (payload: CaptureFailed, ack: AckCallback) => void;
  /** Agent: leave the frozen still and return to the live video. */
  'freeze:resume': (payload: Record<string, never>, ack: AckCallback) => void;
  /** Agent: ask the customer's page to flip the camera, switch the torch or zoom. */
  'camera:command': (payload: CameraCommand, ack: AckCallback) => void;
  /** Customer: the controls of the current camera track. */
  'camera:capabilities': (payload: CameraCapabilities, ack: AckCallback) => void;
}

/** Reason the server closed a participant's connection to a call. */
export const callClosedReasonSchema = z.enum([
  'ended_by_agent',
  'ended_by_customer',
  'replaced',
  'expired',
]);
export type CallClosedReason = z.infer<typeof callClosedReasonSchema>;

/** Events that the server sends to browsers. */
export interface ServerToClientEvents {
  'call:state': (state: CallState) => void;
  /** Customer in the queue: position and estimated wait, on every change. */
  'queue:position': (position: QueuePosition) => void;
  /** Consoles: the queue, callbacks and (for supervisors) agents and calls, on every change. */
  'queue:state': (state: QueueState) => void;
  /** Console of one agent: a customer is offered to this agent. */
  offer: (offer: Offer) => void;
  /** Console of one agent: the offer stopped ringing. */
  'offer:withdrawn': (payload: {
    sessionId: string;
    reason: z.infer<typeof offerWithdrawnReasonSchema>;
  }) => void;
  /** Console of one agent: the agent's own availability, on every change. */
  'presence:state': (presence: AgentPresence) => void;
  signal: (signal: Signal) => void;
  'chat:message': (message: ChatMessage) => void;
  'chat:history': (messages: ChatMessage[]) => void;
  'peer:media': (state: MediaState) => void;
  'call:closed': (payload: { reason: CallClosedReason }) => void;
  /** Sent on join and reconnect: the frozen still, annotations and camera controls. */
  'tools:state': (state: LiveToolsState) => void;
  'annotation:op': (message: AnnotationMessage) => void;
  /** To the customer: take a full-resolution still, upload it, then reply `capture:done`. */
  'capture:request': (payload: { requestId: string; purpose: CapturePurpose }) => void;
  /** To the agent: the still of its capture request is stored as this snapshot. */
  'capture:done': (payload: {
    requestId: string;
    purpose: CapturePurpose;
    snapshot: Snapshot;
  }) => void;
  /** To the agent: the customer's device could not take or upload the requested still. */
  'capture:failed': (payload: CaptureFailed) => void;
  /** Both sides show this still instead of the live video, or the live video again for null. */
  'freeze:state': (payload: { frozen: Snapshot | null }) => void;
  /** A snapshot was stored for this session, from a capture request or the customer's photo. */
  'snapshot:added': (snapshot: Snapshot) => void;
  'camera:command': (command: CameraCommand) => void;
  'camera:capabilities': (capabilities: CameraCapabilities) => void;
}
