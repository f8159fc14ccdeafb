import type { User } from '@lensdesk/protocol';
import { signal } from '@preact/signals';
import { RequestError } from '../shared/errors';
import { fetchMe } from './api';

/** Signed-in user: undefined while checking, null when signed out. */
export const currentUser = signal<User | null | undefined>(undefined);

/** Checks the session cookie and sets `currentUser`. */
export async function loadCurrentUser(): Promise<void> {
  try {
    currentUser.value = await fetchMe();
  } catch {
    // Whether the cookie is missing or the server is down, the sign-in form comes next. Its own
    // request reports a server that cannot be reached.
    currentUser.value = null;
  }
}

/**
 * Signs the user out locally when `error` reports that the cookie is no longer valid. Returns
 * true when it did, so callers can skip showing the error.
 */
export function handleAuthError(error: unknown): boolean {
  if (error instanceof RequestError && error.code === 'UNAUTHENTICATED') {
    currentUser.value = null;
    return true;
  }
  return false;
}
