import type { ResolutionCode } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { describeError } from '../../shared/describe-error';
import { toRequestError } from '../../shared/errors';
import { FormError } from '../../shared/ui/form-error';
import { handleAuthError } from '../auth';
import { createResolutionCode, listResolutionCodes, updateResolutionCode } from '../settings-api';

const codePattern = /^[a-z][a-z0-9_]{0,49}$/;

/** Suggests a code for a label: "Firmware update" gives `firmware_update`. */
export function codeFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return slug.slice(0, 50).replace(/_+$/, '');
}

/**
 * Renders the resolution code list, where admins rename, reorder, deactivate and add codes. Each
 * change is saved at once. Codes are never deleted, so past wrap-ups keep theirs.
 */
export function ResolutionCodesEditor(): JSX.Element {
  const [codes, setCodes] = useState<ResolutionCode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async (): Promise<void> => {
    setCodes(await listResolutionCodes(true));
  }, []);

  /** Runs one change, then shows the list as the server has it. */
  const run = async (change: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await change();
      await reload();
      return true;
    } catch (failure) {
      if (!handleAuthError(failure)) {
        setError(describeCodeError(failure));
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    reload().catch((failure: unknown) => {
      if (!handleAuthError(failure)) setError(describeError(failure));
    });
  }, [reload]);

  /** Swaps a code with its neighbour and saves the positions that changed, 10 apart. */
  const move = (index: number, by: -1 | 1): void => {
    const order = [...(codes ?? [])];
    const current = order[index];
    const other = order[index + by];
    if (current === undefined || other === undefined) {
      return;
    }
    order[index] = other;
    order[index + by] = current;
    void run(async () => {
      for (const [at, entry] of order.entries()) {
        const position = (at + 1) * 10;
        if (entry.position !== position) {
          await updateResolutionCode(entry.code, { position });
        }
      }
    });
  };

  return (
    <section class="card settings-section" aria-labelledby="codes-title">
      <h2 id="codes-title">{t('codes.title')}</h2>
      <p class="muted">{t('codes.lead')}</p>
      <FormError message={error} />
      {codes === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : codes.length === 0 ? (
        <p class="notice notice-info">{t('codes.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="codes-table">
            <thead>
              <tr>
                <th scope="col">{t('codes.label')}</th>
                <th scope="col">{t('codes.code')}</th>
                <th scope="col">{t('codes.status')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('codes.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {codes.map((entry, index) => (
                <CodeRow
                  key={entry.code}
                  entry={entry}
                  busy={busy}
                  first={index === 0}
                  last={index === codes.length - 1}
                  onRename={(label) => run(() => updateResolutionCode(entry.code, { label }))}
                  onToggle={() =>
                    void run(() => updateResolutionCode(entry.code, { active: !entry.active }))
                  }
                  onMove={(by) => move(index, by)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddCodeForm
        busy={busy}
        onAdd={(code, label) => run(() => createResolutionCode({ code, label, active: true }))}
      />
    </section>
  );
}

function CodeRow(props: {
  entry: ResolutionCode;
  busy: boolean;
  first: boolean;
  last: boolean;
  onRename(label: string): Promise<boolean>;
  onToggle(): void;
  onMove(by: -1 | 1): void;
}): JSX.Element {
  const { entry, busy } = props;
  const [label, setLabel] = useState(entry.label);
  useEffect(() => setLabel(entry.label), [entry.label]);
  const changed = label.trim() !== '' && label.trim() !== entry.label;

  return (
    <tr class={entry.active ? undefined : 'code-inactive'}>
      <td>
        <form
          class="code-label"
          onSubmit={(event) => {
            event.preventDefault();
            if (changed) void props.onRename(label.trim());
          }}
        >
          <input
            type="text"
            maxLength={80}
            value={label}
            aria-label={t('codes.labelOf', { item: entry.label })}
            onInput={(event) => setLabel(event.currentTarget.value)}
          />
          {changed ? (
            <button
              type="submit"
              class="button"
              disabled={busy}
              aria-label={t('codes.saveLabelNamed', { item: entry.label })}
            >
              {t('codes.saveLabel')}
            </button>
          ) : null}
        </form>
      </td>
      <td class="mono">{entry.code}</td>
      <td>
        <span class={entry.active ? 'code-status code-status-active' : 'code-status'}>
          {entry.active ? t('codes.active') : t('codes.inactive')}
        </span>
      </td>
      <td class="code-actions">
        <button
          type="button"
          class="button button-quiet"
          disabled={busy || props.first}
          aria-label={t('settings.moveUp', { item: entry.label })}
          onClick={() => props.onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          class="button button-quiet"
          disabled={busy || props.last}
          aria-label={t('settings.moveDown', { item: entry.label })}
          onClick={() => props.onMove(1)}
        >
          ↓
        </button>
        <button
          type="button"
          class="button"
          disabled={busy}
          aria-label={t(entry.active ? 'codes.deactivateNamed' : 'codes.activateNamed', {
            item: entry.label,
          })}
          onClick={props.onToggle}
        >
          {entry.active ? t('codes.deactivate') : t('codes.activate')}
        </button>
      </td>
    </tr>
  );
}

function AddCodeForm(props: {
  busy: boolean;
  onAdd(code: string, label: string): Promise<boolean>;
}): JSX.Element {
  const [label, setLabel] = useState('');
  const [code, setCode] = useState('');
  const [codeEdited, setCodeEdited] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (label.trim() === '') {
      setProblem(t('codes.missingLabel'));
      return;
    }
    if (!codePattern.test(code)) {
      setProblem(t('codes.invalidCode'));
      return;
    }
    setProblem(null);
    if (await props.onAdd(code, label.trim())) {
      setLabel('');
      setCode('');
      setCodeEdited(false);
    }
  };

  return (
    <form
      class="add-code"
      aria-labelledby="add-code-title"
      onSubmit={(event) => void submit(event)}
    >
      <h3 id="add-code-title">{t('codes.add')}</h3>
      <div class="add-code-fields">
        <label class="field">
          <span>{t('codes.newLabel')}</span>
          <input
            type="text"
            maxLength={80}
            value={label}
            onInput={(event) => {
              const next = event.currentTarget.value;
              setLabel(next);
              if (!codeEdited) setCode(codeFromLabel(next));
            }}
          />
        </label>
        <label class="field">
          <span>{t('codes.newCode')}</span>
          <input
            type="text"
            class="mono"
            maxLength={50}
            value={code}
            aria-describedby="add-code-hint"
            onInput={(event) => {
              setCode(event.currentTarget.value);
              setCodeEdited(true);
            }}
          />
        </label>
        <button type="submit" class="button button-primary" disabled={props.busy}>
          {t('codes.addButton')}
        </button>
      </div>
      <p class="muted field-hint" id="add-code-hint">
        {t('codes.newCodeHint')}
      </p>
      <FormError message={problem} />
    </form>
  );
}

function describeCodeError(failure: unknown): string {
  return toRequestError(failure).code === 'RESOLUTION_CODE_EXISTS'
    ? t('codes.exists')
    : describeError(failure);
}
