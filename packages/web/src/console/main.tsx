import '../shared/zod-jitless';
import { render } from 'preact';
import { initLocale, t } from '../i18n';
import '../shared/ui/base.css';
import { ConsoleApp } from './app';
import { loadCurrentUser } from './auth';
import './console.css';
import './serial-reading.css';
import { startRouter } from './router';

initLocale();
document.title = t('console.title');
startRouter();
void loadCurrentUser();

const root = document.getElementById('app');
if (root !== null) {
  render(<ConsoleApp />, root);
}
