import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import {
  adminProductLinesPath,
  adminSettingsPath,
  adminUsersPath,
  followLink,
  route,
} from '../router';
import './admin.css';

/**
 * Renders the header's Admin menu: a disclosure with links to the admin screens. The header shows it to
 * admins only; the server checks the role of every admin request as well.
 */
export function AdminMenu(): JSX.Element {
  const menu = useRef<HTMLDetailsElement>(null);
  const current = route.value.name;
  const onAdminScreen =
    current === 'admin_product_lines' || current === 'admin_users' || current === 'admin_settings';

  // A click anywhere else closes the menu, as menus in other applications do.
  useEffect(() => {
    const closeOutside = (event: MouseEvent): void => {
      const element = menu.current;
      if (element?.open && !element.contains(event.target as Node)) element.open = false;
    };
    document.addEventListener('click', closeOutside);
    return () => document.removeEventListener('click', closeOutside);
  }, []);

  const follow = (event: MouseEvent): void => {
    followLink(event);
    if (menu.current !== null) menu.current.open = false;
  };

  return (
    <details
      ref={menu}
      class="admin-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && menu.current?.open) {
          menu.current.open = false;
          menu.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary class={onAdminScreen ? 'admin-menu-active' : undefined}>{t('header.admin')}</summary>
      <ul>
        <li>
          <a
            href={adminProductLinesPath}
            onClick={follow}
            aria-current={current === 'admin_product_lines' ? 'page' : undefined}
          >
            {t('header.productLines')}
          </a>
        </li>
        <li>
          <a
            href={adminUsersPath}
            onClick={follow}
            aria-current={current === 'admin_users' ? 'page' : undefined}
          >
            {t('header.users')}
          </a>
        </li>
        <li>
          <a
            href={adminSettingsPath}
            onClick={follow}
            aria-current={current === 'admin_settings' ? 'page' : undefined}
          >
            {t('header.settings')}
          </a>
        </li>
      </ul>
    </details>
  );
}
