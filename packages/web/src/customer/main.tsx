import { signal } from '@preact/signals';
import { render } from 'preact';
import { initLocale, t } from '../i18n';
import type { OpenedCamera } from '../shared/media';
import { RemoteMedia } from '../shared/remote-media';
import '../shared/ui/base.css';
import { CustomerRoot } from './app';
import { CustomerCall } from './customer-call';
import './customer.css';
import type { EntryHost } from './entry-app';
import { SurveyLinkPage } from './survey-screen';
import { customerRoute, sessionPathOf } from './state';

const clientIdKey = 'lensdesk.clientId';

/**
 * Returns this tab's client id, created on first use. It lives in sessionStorage so a reload of
 * the tab takes over its own call, while another device or tab counts as a second customer.
 */
function tabClientId(): string {
  // getRandomValues works on plain-HTTP pages too, unlike crypto.randomUUID.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const fresh = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  try {
    const stored = sessionStorage.getItem(clientIdKey);
    if (stored !== null) {
      return stored;
    }
    sessionStorage.setItem(clientIdKey, fresh);
  } catch {
    // Some in-app browsers block storage; the call then works without reload takeover.
  }
  return fresh;
}

initLocale();
document.title = t('customer.title');

const clientId = tabClientId();
const route = customerRoute(location.pathname);
const activeCall = signal<CustomerCall | null>(null);

function openCall(token: string | null, camera?: OpenedCamera, remote?: RemoteMedia): CustomerCall {
  return new CustomerCall({ token, clientId, devices: navigator.mediaDevices, camera, remote });
}

const remote = new RemoteMedia(t('call.agentFallback'));
const entryHost: EntryHost = {
  devices: navigator.mediaDevices,
  remote,
  async continueWith(link, camera) {
    // The address becomes the session's own, so a reload returns to the queue or the call.
    history.replaceState(null, '', sessionPathOf(link.token));
    const call = openCall(link.token, camera, remote);
    await call.load();
    activeCall.value = call;
  },
};

if (route.kind === 'session') {
  const call = openCall(route.token);
  activeCall.value = call;
  void call.load();
}

const root = document.getElementById('app');
if (root !== null) {
  render(
    route.kind === 'survey' ? (
      <SurveyLinkPage token={route.token} />
    ) : (
      <CustomerRoot
        call={activeCall}
        entry={route.kind === 'session' ? null : route}
        host={entryHost}
      />
    ),
    root,
  );
}
