import type { ResolutionCode, SessionDetail, WrapUpBody, dispositions } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { toRequestError } from '../shared/errors';
import { FormError } from '../shared/ui/form-error';
import { saveWrapUp } from './api';
import { handleAuthError } from './auth';
import { dispositionLabel } from './labels';
import { listResolutionCodes } from './settings-api';
import './wrap-up.css';

type WrapUpDisposition = WrapUpBody['disposition'];

// The protocol's list is a runtime value whose module would bring zod into the bundle. This copy
// is checked against it in both directions by the two types below.
const wrapUpDispositions = [
  'resolved',
  'dispatch',
  'escalated',
  'follow_up',
] as const satisfies readonly WrapUpDisposition[];
type MissingDisposition = Exclude<
  (typeof dispositions)[number],
  (typeof wrapUpDispositions)[number]
>;
const everyDispositionListed: [MissingDisposition] extends [never] ? true : false = true;
void everyDispositionListed;

export interface WrapUpFormProps {
  sessionId: string;
  onSaved(detail: SessionDetail): void;
}

/**
 * Renders the agent's closing record of a call: a disposition, a resolution code from the admin
 * list (required while the list has active codes, as the server enforces), and free-text notes.
 */
export function WrapUpForm({ sessionId, onSaved }: WrapUpFormProps): JSX.Element {
  const [disposition, setDisposition] = useState<WrapUpDisposition | null>(null);
  const [codes, setCodes] = useState<ResolutionCode[] | null>(null);
  const [resolutionCode, setResolutionCode] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const loadCodes = useCallback(async (): Promise<void> => {
    try {
      setCodes(await listResolutionCodes());
    } catch (failure) {
      if (!handleAuthError(failure)) {
        setError(t('wrapUp.codesFailed', { reason: describeError(failure) }));
      }
    }
  }, []);
  useEffect(() => void loadCodes(), [loadCodes]);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (disposition === null) {
      setError(t('wrapUp.missingDisposition'));
      return;
    }
    if (codes !== null && codes.length > 0 && resolutionCode === '') {
      setError(t('wrapUp.missingResolution'));
      return;
    }
    setBusy(true);
    setError(null);
    const body: WrapUpBody = { disposition, notes };
    if (resolutionCode !== '') {
      body.resolutionCode = resolutionCode;
    }
    try {
      onSaved(await saveWrapUp(sessionId, body));
    } catch (failure) {
      if (!handleAuthError(failure)) {
        setError(await wrapUpError(failure));
      }
      setBusy(false);
    }
  };

  /** Describes a failed save; a code deactivated meanwhile refreshes the list. */
  const wrapUpError = async (failure: unknown): Promise<string> => {
    const code = toRequestError(failure).code;
    if (code === 'RESOLUTION_CODE_REQUIRED') {
      await loadCodes();
      return t('wrapUp.missingResolution');
    }
    if (code === 'RESOLUTION_CODE_INACTIVE' || code === 'RESOLUTION_CODE_NOT_FOUND') {
      setResolutionCode('');
      await loadCodes();
      return t('wrapUp.resolutionInactive');
    }
    return describeError(failure);
  };

  return (
    <form
      class="card wrap-up"
      aria-labelledby="wrap-up-title"
      onSubmit={(event) => void submit(event)}
    >
      <h2 id="wrap-up-title">{t('wrapUp.title')}</h2>
      <p class="muted">{t('wrapUp.lead')}</p>
      <DispositionRadios value={disposition} onChange={setDisposition} />
      {codes !== null && codes.length > 0 ? (
        <label class="field wrap-up-resolution">
          <span>{t('wrapUp.resolutionCode')}</span>
          <select
            name="resolutionCode"
            required
            value={resolutionCode}
            onChange={(event) => setResolutionCode(event.currentTarget.value)}
          >
            <option value="" disabled>
              {t('wrapUp.chooseResolution')}
            </option>
            {codes.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label class="field">
        <span>{t('wrapUp.notes')}</span>
        <textarea
          name="notes"
          rows={5}
          maxLength={10_000}
          value={notes}
          onInput={(event) => setNotes(event.currentTarget.value)}
        />
      </label>
      <FormError message={error} />
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('wrapUp.saving') : t('wrapUp.save')}
        </button>
      </div>
    </form>
  );
}

function DispositionRadios(props: {
  value: WrapUpDisposition | null;
  onChange(value: WrapUpDisposition): void;
}): JSX.Element {
  // A fieldset may take the radiogroup role; aria-labelledby names the group after its legend.
  return (
    <fieldset class="radio-group" role="radiogroup" aria-labelledby="disposition-legend">
      <legend id="disposition-legend">{t('wrapUp.disposition')}</legend>
      {wrapUpDispositions.map((value) => (
        <label key={value} class="radio">
          <input
            type="radio"
            name="disposition"
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          <span>{dispositionLabel(value)}</span>
        </label>
      ))}
    </fieldset>
  );
}
