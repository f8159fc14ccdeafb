import '../shared/zod-jitless';
import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import { initLocale, t } from '../i18n';
import '../shared/ui/base.css';
import '../console/console.css';
import { loadCurrentUser } from '../console/auth';
import { DashboardApp } from './app';
import './dashboard.css';
import { startRouter } from './router';

initLocale();
document.title = t('dashboard.pageTitle');
startRouter();
void loadCurrentUser();

const root = document.getElementById('app');
if (root !== null) {
  render(<DashboardApp />, root);
}
