import type { JSX } from 'preact';
import { t } from '../../i18n';

// TODO: placeholder until this screen is built.
export function ProductLinesAdminPage(): JSX.Element {
  return <p>{t('case.notFound')}</p>;
}
