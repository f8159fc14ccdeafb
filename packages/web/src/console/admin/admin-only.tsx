import type { ComponentChildren, JSX } from 'preact';
import { t } from '../../i18n';
import { currentUser } from '../auth';

/**
 * Shows its children to admins only, and a short explanation to everyone else. The server checks
 * the role on every request as well; this only spares other roles a screen that cannot work.
 */
export function AdminOnly(props: { children: ComponentChildren }): JSX.Element {
  if (currentUser.value?.role !== 'admin') {
    return (
      <div class="admin-page stack">
        <h1>{t('admin.title')}</h1>
        <p class="notice">{t('admin.adminsOnly')}</p>
      </div>
    );
  }
  return <div class="admin-page">{props.children}</div>;
}
