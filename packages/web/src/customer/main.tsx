import { render } from 'preact';
import { initLocale, t } from '../i18n';
import '../shared/ui/base.css';
import { CustomerApp } from './app';
import { CustomerCall } from './customer-call';
import './customer.css';
import { tokenFromPath } from './state';

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

const call = new CustomerCall({
  token: tokenFromPath(location.pathname),
  clientId: tabClientId(),
  devices: navigator.mediaDevices,
});
void call.load();

const root = document.getElementById('app');
if (root !== null) {
  render(<CustomerApp call={call} />, root);
}
