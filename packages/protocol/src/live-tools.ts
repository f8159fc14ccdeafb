import { z } from 'zod';
import { type AnnotationState, annotationOperationSchema } from './annotations.js';
import type { Snapshot } from './snapshots.js';

/**
 * Socket.IO payloads of the agent's live tools: annotations, freeze frame, snapshots and camera
 * controls. The server parses each with its schema, as it does the call events.
 */

/**
 * Picture an annotation is drawn on: the live video (`live`) or a stored snapshot, by id. A
 * frozen frame is a snapshot, so its drawings stay with that still.
 */
export const annotationSurfaceSchema = z.union([z.literal('live'), z.uuid()]);
export type AnnotationSurface = z.infer<typeof annotationSurfaceSchema>;

/**
 * One annotation operation on one surface. Operations travel over the WebRTC data channel when
 * it is open, and always through the server too, which stores the state for late joiners and
 * logs each change. Receivers ignore the second copy by its `opId`. Pointer moves go through the
 * server only while the data channel is closed, and are neither stored nor logged.
 */
export const annotationMessageSchema = z.object({
  surface: annotationSurfaceSchema,
  op: annotationOperationSchema,
});
export type AnnotationMessage = z.infer<typeof annotationMessageSchema>;

/** Label of the WebRTC data channel that carries annotation messages, negotiated in-band. */
export const annotationChannelLabel = 'lensdesk-annotations';

/** Purpose of a full-resolution still that the agent requests from the customer's device. */
export const capturePurposeSchema = z.enum(['freeze', 'snapshot', 'read']);
export type CapturePurpose = z.infer<typeof capturePurposeSchema>;

/** Request id chosen by the server for one capture; the customer's reply carries it back. */
export const captureRequestIdSchema = z.uuid();

export const captureRequestSchema = z.object({ purpose: capturePurposeSchema });

/** The customer's reply: the still was uploaded as this snapshot. */
export const captureDoneSchema = z.object({
  requestId: captureRequestIdSchema,
  snapshotId: z.uuid(),
});

/** The customer's reply when no still could be taken, such as a camera that is off. */
export const captureFailedSchema = z.object({
  requestId: captureRequestIdSchema,
  reason: z.enum(['camera_off', 'capture_failed', 'upload_failed']),
});
export type CaptureFailed = z.infer<typeof captureFailedSchema>;

/** Camera actions that the agent can request and the customer's page carries out. */
export const cameraCommandSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('flip') }),
  z.object({ action: z.literal('torch'), on: z.boolean() }),
  z.object({ action: z.literal('zoom'), value: z.number().finite().positive().max(100) }),
]);
export type CameraCommand = z.infer<typeof cameraCommandSchema>;

/**
 * Controls that the customer's current camera track offers, from `getCapabilities()`; a control
 * is offered to the agent only where this reports it.
 */
export const cameraCapabilitiesSchema = z.object({
  canFlip: z.boolean(),
  facingMode: z.enum(['user', 'environment']).nullable(),
  torch: z.boolean(),
  torchOn: z.boolean(),
  zoom: z
    .object({
      min: z.number().finite(),
      max: z.number().finite(),
      step: z.number().finite().min(0),
      value: z.number().finite(),
    })
    .nullable(),
});
export type CameraCapabilities = z.infer<typeof cameraCapabilitiesSchema>;

/** State that a participant needs on joining or reconnecting to draw the current picture. */
export interface LiveToolsState {
  /** The frozen still both sides show instead of the live video, or null when live. */
  frozen: Snapshot | null;
  /** Annotation state of the live surface and of the frozen still, if any. */
  annotations: { surface: AnnotationSurface; state: AnnotationState }[];
  cameraCapabilities: CameraCapabilities | null;
  /** Time an unpinned live annotation stays visible after its last change, in milliseconds. */
  annotationFadeMs: number;
}
