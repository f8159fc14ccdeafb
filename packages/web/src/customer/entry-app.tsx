import type { CustomerLinkResponse } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import type { MediaDevicesLike, OpenedCamera } from '../shared/media';
import type { RemoteMedia } from '../shared/remote-media';
import { EntryPage } from './entry-page';
import { JoinPage } from './join-page';

/** Services of the page that the screens before a session use. */
export interface EntryHost {
  devices: MediaDevicesLike | undefined;
  /** Player of the agent's media; the request button unlocks its sound on iOS Safari. */
  remote: RemoteMedia;
  /**
   * Continues on the session's own page (`/s/<token>`) without a reload: the waiting room, or
   * the call's consent screen. `camera` is the preview the customer already turned on.
   */
  continueWith(link: CustomerLinkResponse, camera?: OpenedCamera): Promise<void>;
}

export type EntryRoute = { kind: 'entry'; slug: string } | { kind: 'join' };

/**
 * Screens of the customer page that come before a session: a product line's support page and
 * the code entry. They load as a separate chunk, so a customer link does not download them.
 */
export function EntryApp(props: { route: EntryRoute; host: EntryHost }): JSX.Element {
  const { route, host } = props;
  return route.kind === 'entry' ? (
    <EntryPage slug={route.slug} host={host} />
  ) : (
    <JoinPage host={host} />
  );
}
