import * as protocol from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import { annotationChannelLabel, maxSnapshotBytes, snapshotContentTypes } from './channel';

describe('copied protocol constants', () => {
  it('match the protocol package', () => {
    expect(annotationChannelLabel).toBe(protocol.annotationChannelLabel);
    expect(maxSnapshotBytes).toBe(protocol.maxSnapshotBytes);
    expect([...snapshotContentTypes]).toEqual([...protocol.snapshotContentTypes]);
  });
});
