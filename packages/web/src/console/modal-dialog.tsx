import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

/**
 * Renders a modal dialog with its title and a Close button at the top. It opens when it mounts
 * and closes when it unmounts, and Escape and Close both call `onClose`.
 */
export function ModalDialog(props: {
  titleId: string;
  title: ComponentChildren;
  onClose(): void;
  /** Extra class of the dialog element. */
  class?: string;
  children: ComponentChildren;
}): JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      class={props.class === undefined ? 'dialog' : `dialog ${props.class}`}
      aria-labelledby={props.titleId}
      onClose={props.onClose}
    >
      <div class="dialog-header">
        <h2 id={props.titleId}>{props.title}</h2>
        <button type="button" class="button button-quiet" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
      {props.children}
    </dialog>
  );
}
