import type { ProductLine } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { describeError } from '../../shared/describe-error';
import { FormError } from '../../shared/ui/form-error';
import { handleAuthError } from '../auth';
import { fetchLabelsForSerials, labelSheetUrl, qrCodeUrl } from './admin-api';

/** Most serials one label PDF takes; the server enforces the same limit. */
const maxSerials = 1000;

/** QR codes, label sheets and the website button of one product line. */
export function ProductLineShare(props: { line: ProductLine }): JSX.Element {
  return (
    <div class="share-panel">
      <QrSection line={props.line} />
      <WidgetSection line={props.line} />
    </div>
  );
}

/** Splits pasted serials on new lines, commas and semicolons, without blanks and duplicates. */
export function parseSerialList(text: string): string[] {
  const serials = text
    .split(/[\n,;]+/)
    .map((serial) => serial.trim())
    .filter((serial) => serial !== '');
  return [...new Set(serials)];
}

function QrSection(props: { line: ProductLine }): JSX.Element {
  const { line } = props;
  const [serialText, setSerialText] = useState('');
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const serialsId = useId();
  const serialsHintId = useId();
  const modelId = useId();
  const serials = parseSerialList(serialText);
  const trimmedModel = model.trim();

  const downloadLabels = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const blob = await fetchLabelsForSerials(line, serials, trimmedModel || undefined);
      saveBlob(blob, `${line.slug}-labels.pdf`);
    } catch (failure) {
      if (!handleAuthError(failure)) setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card stack" aria-labelledby={`${serialsId}-title`}>
      <h2 id={`${serialsId}-title`}>{t('admin.qr.title')}</h2>
      <p class="muted">{t('admin.qr.lead')}</p>
      <div class="qr-preview">
        <img
          class="qr"
          src={qrCodeUrl(line, 'svg', { model: trimmedModel })}
          alt={t('admin.qr.alt', { url: line.entryUrl })}
          width={168}
          height={168}
        />
        <div class="stack qr-links">
          <p class="entry-url">
            <span class="muted">{t('admin.qr.opens')}</span>
            <a href={line.entryUrl} target="_blank" rel="noopener">
              {line.entryUrl}
            </a>
          </p>
          <div class="download-row">
            <a
              class="button button-small"
              href={qrCodeUrl(line, 'svg', { model: trimmedModel })}
              download={`${line.slug}-qr.svg`}
            >
              {t('admin.qr.downloadSvg')}
            </a>
            <a
              class="button button-small"
              href={qrCodeUrl(line, 'png', { model: trimmedModel })}
              download={`${line.slug}-qr.png`}
            >
              {t('admin.qr.downloadPng')}
            </a>
            <a
              class="button button-small"
              href={labelSheetUrl(line, { model: trimmedModel })}
              target="_blank"
              rel="noopener"
            >
              {t('admin.qr.labelSheet')}
            </a>
          </div>
        </div>
      </div>
      <div class="field">
        <label for={modelId}>{t('admin.qr.model')}</label>
        <input
          id={modelId}
          type="text"
          maxLength={64}
          autoComplete="off"
          value={model}
          onInput={(event) => setModel(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={serialsId}>{t('admin.qr.serials')}</label>
        <textarea
          id={serialsId}
          rows={4}
          class="mono"
          spellcheck={false}
          aria-describedby={serialsHintId}
          value={serialText}
          onInput={(event) => setSerialText(event.currentTarget.value)}
        />
        <span id={serialsHintId} class="field-hint">
          {t('admin.qr.serialsHint', { max: maxSerials })}
        </span>
      </div>
      <FormError message={error} />
      <div>
        <button
          type="button"
          class="button"
          disabled={busy || serials.length === 0 || serials.length > maxSerials}
          onClick={() => void downloadLabels()}
        >
          {labelsButtonText(busy, serials.length)}
        </button>
      </div>
    </section>
  );
}

function labelsButtonText(busy: boolean, count: number): string {
  if (busy) return t('admin.qr.preparing');
  if (count === 0) return t('admin.qr.labelsForSerials');
  return count === 1 ? t('admin.qr.labelsForOne') : t('admin.qr.labelsForMany', { count });
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; a short delay covers slower browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const positions = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
type Position = (typeof positions)[number];
const positionKeys = {
  'bottom-right': 'admin.widget.position.bottomRight',
  'bottom-left': 'admin.widget.position.bottomLeft',
  'top-right': 'admin.widget.position.topRight',
  'top-left': 'admin.widget.position.topLeft',
} as const;

/** Escapes text for a double-quoted HTML attribute. */
function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** Returns the `<script>` element that adds the website button for `line`. */
export function widgetSnippet(
  line: ProductLine,
  options: { label: string; position: Position; color: string },
): string {
  const scriptUrl = new URL('../widget.js', line.entryUrl).toString();
  const attributes = [
    `src="${escapeAttribute(scriptUrl)}"`,
    `data-product-line="${line.slug}"`,
    `data-label="${escapeAttribute(options.label)}"`,
    `data-position="${options.position}"`,
    `data-color="${options.color}"`,
    'async',
  ];
  return `<script ${attributes.join('\n  ')}></script>`;
}

function WidgetSection(props: { line: ProductLine }): JSX.Element {
  const [label, setLabel] = useState(t('widget.label'));
  const [position, setPosition] = useState<Position>('bottom-right');
  const [color, setColor] = useState('#0a5a78');
  const [copyResult, setCopyResult] = useState<'copied' | 'failed' | null>(null);
  const code = useRef<HTMLTextAreaElement>(null);
  const labelId = useId();
  const positionId = useId();
  const colorId = useId();
  const codeId = useId();
  const snippet = widgetSnippet(props.line, {
    label: label.trim() || t('widget.label'),
    position,
    color,
  });

  useEffect(() => setCopyResult(null), [snippet]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopyResult('copied');
    } catch {
      // The clipboard API needs a secure context; a selection lets the admin copy by hand.
      code.current?.select();
      setCopyResult('failed');
    }
  };

  return (
    <section class="card stack" aria-labelledby={`${codeId}-title`}>
      <h2 id={`${codeId}-title`}>{t('admin.widget.title')}</h2>
      <p class="muted">{t('admin.widget.lead')}</p>
      <div class="field">
        <label for={labelId}>{t('admin.widget.label')}</label>
        <input
          id={labelId}
          type="text"
          maxLength={60}
          value={label}
          onInput={(event) => setLabel(event.currentTarget.value)}
        />
      </div>
      <div class="field-row field-row-narrow">
        <div class="field">
          <label for={positionId}>{t('admin.widget.position')}</label>
          <select
            id={positionId}
            value={position}
            onChange={(event) => setPosition(event.currentTarget.value as Position)}
          >
            {positions.map((name) => (
              <option key={name} value={name}>
                {t(positionKeys[name])}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={colorId}>{t('admin.widget.color')}</label>
          <input
            id={colorId}
            type="color"
            value={color}
            onInput={(event) => setColor(event.currentTarget.value)}
          />
        </div>
      </div>
      <div class="field">
        <label for={codeId}>{t('admin.widget.code')}</label>
        <textarea
          id={codeId}
          ref={code}
          class="mono snippet"
          rows={7}
          readOnly
          spellcheck={false}
          value={snippet}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div class="copy-row">
        <button type="button" class="button button-primary" onClick={() => void copy()}>
          {t('admin.widget.copy')}
        </button>
        <span role="status" class="muted">
          {copyResult === 'copied' ? t('admin.widget.copied') : null}
          {copyResult === 'failed' ? t('admin.widget.copyFailed') : null}
        </span>
      </div>
      <p class="field-hint">{t('admin.widget.targetHint')}</p>
    </section>
  );
}
