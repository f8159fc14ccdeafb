import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

/** Shows the customer link in a read-only field with a copy button, and its QR code. */
export function CustomerLinkPanel(props: {
  customerUrl: string;
  qrCodeSvgUrl: string;
}): JSX.Element {
  const field = useRef<HTMLInputElement>(null);
  const [copyResult, setCopyResult] = useState<'copied' | 'failed' | null>(null);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(props.customerUrl);
      setCopyResult('copied');
    } catch {
      // The clipboard API needs a secure context and focus; selecting the text helps a manual copy.
      field.current?.select();
      setCopyResult('failed');
    }
  };

  return (
    <div class="customer-link">
      <div class="customer-link-text">
        <label class="field">
          <span>{t('invite.link')}</span>
          <input
            ref={field}
            type="text"
            readOnly
            value={props.customerUrl}
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
        <div class="copy-row">
          <button type="button" class="button" onClick={() => void copy()}>
            {t('invite.copy')}
          </button>
          <span role="status" class="muted">
            {copyResult === 'copied' ? t('invite.copied') : null}
            {copyResult === 'failed' ? t('invite.copyFailed') : null}
          </span>
        </div>
      </div>
      <img class="qr" src={props.qrCodeSvgUrl} alt={t('invite.qrAlt')} width={176} height={176} />
    </div>
  );
}
