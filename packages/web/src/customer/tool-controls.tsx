import type { JSX } from 'preact';
import { t } from '../i18n';
import { CameraPlusIcon, TorchIcon } from '../shared/ui/icons';
import type { CustomerCall } from './customer-call';

/** Notices about the agent's live tools: the frozen still, camera commands, the photo upload. */
export function ToolNotices({ call }: { call: CustomerCall }): JSX.Element {
  const tools = call.tools;
  const notice = tools.toolNotice.value;
  const photo = tools.photos.state.value;

  return (
    <>
      {tools.frozen.value !== null ? (
        <p class="call-notice call-notice-info" role="status">
          {t('tools.frozenBanner')}
        </p>
      ) : null}
      {notice !== null ? (
        <p class="call-notice call-notice-info" role="status">
          {t(notice)}
        </p>
      ) : null}
      {photo?.kind === 'sending' ? (
        <p class="call-notice call-notice-info" role="status">
          {t('photo.sending', { percent: photo.percent })}
        </p>
      ) : null}
      {photo?.kind === 'sent' ? (
        <p class="call-notice call-notice-info" role="status">
          {t('photo.sent')}
        </p>
      ) : null}
      {photo?.kind === 'failed' ? (
        <div class="call-notice call-notice-error" role="alert">
          <span>{t(photo.message)}</span>
          <button type="button" class="button-link" onClick={() => tools.photos.dismiss()}>
            {t('photo.dismiss')}
          </button>
        </div>
      ) : null}
    </>
  );
}

/**
 * "Send a photo": a file input that opens the rear camera on phones (`capture="environment"`)
 * and the photo library or file chooser elsewhere.
 */
export function PhotoControl({ call }: { call: CustomerCall }): JSX.Element {
  const photos = call.tools.photos;
  const sending = photos.state.value?.kind === 'sending';

  const choose = (event: Event): void => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Clearing the value lets the customer send the same file again after a failure.
    input.value = '';
    if (file !== undefined) {
      void photos.send(file);
    }
  };

  return (
    <label class={sending ? 'pill-control disabled' : 'pill-control'}>
      <input
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        disabled={sending}
        onChange={choose}
      />
      <CameraPlusIcon />
      <span>{t('photo.send')}</span>
    </label>
  );
}

/** The customer's own light switch, shown when the camera has a torch. */
export function TorchButton({ call }: { call: CustomerCall }): JSX.Element | null {
  const capabilities = call.tools.capabilities.value;
  if (capabilities === null || !capabilities.torch) {
    return null;
  }
  const on = capabilities.torchOn;
  return (
    <button
      type="button"
      class="pill-control"
      aria-label={on ? t('tools.torchOff') : t('tools.torchOn')}
      aria-pressed={on}
      onClick={() => void call.tools.toggleTorch()}
    >
      <TorchIcon />
      <span aria-hidden="true">{t('tools.torchShort')}</span>
    </button>
  );
}
