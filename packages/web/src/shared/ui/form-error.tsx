import type { JSX } from 'preact';

/** Shows an error message that screen readers announce at once, or nothing when it is null. */
export function FormError({ message }: { message: string | null }): JSX.Element | null {
  if (message === null) return null;
  return (
    <p class="form-error" role="alert">
      {message}
    </p>
  );
}
