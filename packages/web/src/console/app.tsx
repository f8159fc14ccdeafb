import type { User } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { t } from '../i18n';
import { currentUser } from './auth';
import { AdminMenu } from './admin/admin-nav';
import { ProductLinesAdminPage } from './admin/product-lines-page';
import { SettingsAdminPage } from './admin/settings-page';
import { UsersAdminPage } from './admin/users-page';
import { CaseListPage } from './case-list';
import { consoleSocket } from './console-socket';
import { AvailabilityControl, ConsoleLive } from './live-header';
import { LivePage } from './live-page';
import { QueuePage } from './queue-page';
import { casesPath, dashboardPath, followLink, livePath, queuePath, route } from './router';
import { SessionPage } from './session-page';
import { SignInPage, SignOutButton } from './sign-in';

export function ConsoleApp(): JSX.Element {
  const user = currentUser.value;
  if (user === undefined) {
    return (
      <main class="page">
        <p role="status">{t('common.loading')}</p>
      </main>
    );
  }
  if (user === null) {
    return <SignInPage />;
  }

  return (
    <>
      <Header user={user} />
      <ConsoleLive user={user} />
      <main class="page">
        <Page />
      </main>
    </>
  );
}

function Page(): JSX.Element {
  const current = route.value;
  switch (current.name) {
    case 'cases':
      return <CaseListPage />;
    case 'session':
      return <SessionPage key={current.id} id={current.id} />;
    case 'queue':
      return <QueuePage />;
    case 'live':
      return <LivePage />;
    case 'admin_product_lines':
      return <ProductLinesAdminPage />;
    case 'admin_users':
      return <UsersAdminPage />;
    case 'admin_settings':
      return <SettingsAdminPage />;
    case 'not_found':
      return <p>{t('case.notFound')}</p>;
  }
}

function Header({ user }: { user: User }): JSX.Element {
  return (
    <header class="topbar">
      <a class="topbar-brand" href={casesPath} onClick={followLink}>
        {t('app.name')}
      </a>
      <nav aria-label={t('header.mainNav')}>
        <a
          href={casesPath}
          onClick={followLink}
          aria-current={route.value.name === 'cases' ? 'page' : undefined}
        >
          {t('header.cases')}
        </a>
        <QueueLink />
        {user.role === 'supervisor' || user.role === 'admin' ? (
          <a
            href={livePath}
            onClick={followLink}
            aria-current={route.value.name === 'live' ? 'page' : undefined}
          >
            {t('header.live')}
          </a>
        ) : null}
        {user.role === 'supervisor' || user.role === 'admin' ? (
          // The dashboard is its own page, so this link loads it instead of routing in place.
          <a href={dashboardPath}>{t('header.dashboard')}</a>
        ) : null}
        {user.role === 'admin' ? <AdminMenu /> : null}
      </nav>
      <div class="topbar-user">
        <AvailabilityControl />
        <span class="muted">{t('header.signedInAs', { name: user.name })}</span>
        <SignOutButton />
      </div>
    </header>
  );
}

/** "Queue" in the header, with the number of waiting customers while there are any. */
function QueueLink(): JSX.Element {
  const waiting = consoleSocket.value?.queue.value?.waiting.length ?? 0;
  return (
    <a
      href={queuePath}
      onClick={followLink}
      aria-current={route.value.name === 'queue' ? 'page' : undefined}
    >
      {t('header.queue')}
      {waiting > 0 ? (
        <span class="nav-count">
          <span aria-hidden="true">{waiting}</span>
          <span class="visually-hidden">{t('header.queueWaiting', { count: waiting })}</span>
        </span>
      ) : null}
    </a>
  );
}
