import type { Role, User } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { t } from '../i18n';
import { currentUser } from '../console/auth';
import { casesPath, livePath, queuePath } from '../console/router';
import { SignInPage, SignOutButton } from '../console/sign-in';
import { OverviewPage } from './overview';
import { SessionsPage } from './sessions-page';
import { overviewUrl, filters, followLink, view } from './router';

/** Roles that may open the dashboard; the KPI API rejects the others with FORBIDDEN. */
const dashboardRoles: readonly Role[] = ['supervisor', 'admin'];

function mayOpenDashboard(user: User): boolean {
  return dashboardRoles.includes(user.role);
}

export function DashboardApp(): JSX.Element {
  const user = currentUser.value;
  if (user === undefined) {
    return (
      <main class="page">
        <p role="status">{t('common.loading')}</p>
      </main>
    );
  }
  if (user === null) {
    // The console's sign-in sets the same cookie, so signing in here opens the dashboard.
    return <SignInPage lead={t('dashboard.signInLead')} />;
  }

  return (
    <>
      <Header user={user} />
      <main class="page dashboard">{mayOpenDashboard(user) ? <Screen /> : <NotAllowed />}</main>
    </>
  );
}

function Screen(): JSX.Element {
  const current = view.value;
  switch (current.name) {
    case 'overview':
      return <OverviewPage />;
    case 'sessions':
      return <SessionsPage filter={current.filter} page={current.page} />;
    case 'not_found':
      return (
        <div class="empty">
          <p>{t('dashboard.notFound')}</p>
          <a href={overviewUrl(filters.value)} onClick={followLink}>
            {t('dashboard.backToOverview')}
          </a>
        </div>
      );
  }
}

function NotAllowed(): JSX.Element {
  return (
    <section class="card not-allowed" aria-labelledby="not-allowed-title">
      <h1 id="not-allowed-title">{t('dashboard.notAllowedTitle')}</h1>
      <p>{t('dashboard.notAllowedBody')}</p>
      <a class="button button-primary" href={casesPath}>
        {t('dashboard.openConsole')}
      </a>
    </section>
  );
}

function Header({ user }: { user: User }): JSX.Element {
  return (
    <header class="topbar">
      <a class="topbar-brand" href={casesPath}>
        {t('app.name')}
      </a>
      <nav aria-label={t('header.mainNav')}>
        <a href={casesPath}>{t('header.cases')}</a>
        <a href={queuePath}>{t('header.queue')}</a>
        {mayOpenDashboard(user) ? (
          <>
            <a href={livePath}>{t('header.live')}</a>
            <a href={overviewUrl(filters.value)} onClick={followLink} aria-current="page">
              {t('header.dashboard')}
            </a>
          </>
        ) : null}
      </nav>
      <div class="topbar-user">
        <span class="muted topbar-name">{t('header.signedInAs', { name: user.name })}</span>
        <SignOutButton />
      </div>
    </header>
  );
}
