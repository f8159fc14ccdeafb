import { t, type MessageKey } from '../i18n';
import { RequestError, type ClientErrorCode } from './errors';

// Codes whose generic server message would read oddly on screen get their own sentence.
const messageKeys: Partial<Record<ClientErrorCode, MessageKey>> = {
  INVALID_CREDENTIALS: 'error.INVALID_CREDENTIALS',
  RATE_LIMITED: 'error.RATE_LIMITED',
  UNAUTHENTICATED: 'error.UNAUTHENTICATED',
  FORBIDDEN: 'error.FORBIDDEN',
  SESSION_NOT_FOUND: 'error.SESSION_NOT_FOUND',
  INVALID_TRANSITION: 'error.INVALID_TRANSITION',
  SESSION_ASSIGNED: 'error.SESSION_ASSIGNED',
  NETWORK_FAILED: 'error.NETWORK_FAILED',
  PRODUCT_LINE_EXISTS: 'error.PRODUCT_LINE_EXISTS',
  PRODUCT_LINE_NOT_FOUND: 'error.PRODUCT_LINE_NOT_FOUND',
  USER_EXISTS: 'error.USER_EXISTS',
  USER_NOT_FOUND: 'error.USER_NOT_FOUND',
  LAST_ADMIN: 'error.LAST_ADMIN',
  TEAM_EXISTS: 'error.TEAM_EXISTS',
  TEAM_NOT_FOUND: 'error.TEAM_NOT_FOUND',
  TIMEOUT: 'error.TIMEOUT',
};

/** Returns a user-facing sentence for a failed request, in the active language. */
export function describeError(error: unknown): string {
  if (!(error instanceof RequestError)) {
    const message = error instanceof Error ? error.message : String(error);
    return t('error.other', { message });
  }

  if (error.code === 'VALIDATION_FAILED') {
    const details = (error.issues ?? []).map((issue) => issue.message).join(' ');
    return t('error.VALIDATION_FAILED', { details: details || error.message });
  }
  const key = messageKeys[error.code];
  return key === undefined ? t('error.other', { message: error.message }) : t(key);
}
