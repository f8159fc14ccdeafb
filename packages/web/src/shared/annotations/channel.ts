/**
 * Constants of the annotation channel and the snapshot upload, copied here because importing
 * them from the package root of `@lensdesk/protocol` would pull zod into the customer page.
 * channel.test.ts checks that they match the protocol's values.
 */

/** Label of the negotiated data channel that carries annotation messages. */
export const annotationChannelLabel = 'lensdesk-annotations';

/** Stream id that both peers give the negotiated annotation channel. */
export const annotationChannelId = 0;

/** Largest snapshot upload the server accepts, in bytes. */
export const maxSnapshotBytes = 25 * 1024 * 1024;

/** Image types the server stores as snapshots. */
export const snapshotContentTypes: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];
