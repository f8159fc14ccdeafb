import type { JSX } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  /** Label of the button that carries out the action. */
  confirmLabel: string;
  /** Label of the button that keeps things as they are; it has the focus when the dialog opens. */
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Modal question before an action that cannot be undone. Focus starts on the cancel button so
 * that a stray tap or Enter keeps things as they are, and Escape cancels.
 */
export function ConfirmDialog(props: ConfirmDialogProps): JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Closing the dialog fires `close` after a button click too, so only the first choice counts.
  const settled = useRef(false);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement;
    if (element !== null && !element.open) {
      element.showModal();
    }
    cancelButton.current?.focus();
    return () => {
      settled.current = true;
      element?.close();
      // The dialog leaves the page instead of closing in place, so the browser cannot return
      // the focus itself. The opener is gone when the choice replaced the screen.
      if (opener instanceof HTMLElement && opener.isConnected) {
        opener.focus();
      }
    };
  }, []);

  const settle = (confirmed: boolean): void => {
    if (settled.current) {
      return;
    }
    settled.current = true;
    if (confirmed) {
      props.onConfirm();
    } else {
      props.onCancel();
    }
  };

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onClose={() => settle(false)}
    >
      <h2 id={titleId}>{props.title}</h2>
      <p id={messageId}>{props.message}</p>
      <div class="confirm-actions">
        <button ref={cancelButton} type="button" class="button" onClick={() => settle(false)}>
          {props.cancelLabel}
        </button>
        <button type="button" class="button button-danger" onClick={() => settle(true)}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
