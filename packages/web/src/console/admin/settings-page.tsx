import {
  runtimeSettingsSchema,
  type RuntimeSettings,
  type SurveyQuestion,
  type UpdateSettingsBody,
} from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';
import { describeError } from '../../shared/describe-error';
import { FormError } from '../../shared/ui/form-error';
import { handleAuthError } from '../auth';
import { fetchSettings, saveSettings } from '../settings-api';
import { AdminOnly } from './admin-only';
import { ResolutionCodesEditor } from './resolution-codes-editor';
import './settings.css';

/** Settings that are whole numbers, in the order the screen shows them, with their unit. */
type NumberSettingKey = Exclude<keyof RuntimeSettings, 'surveyQuestions'>;

const numberSettings: { key: NumberSettingKey; unit: 'seconds' | 'days' }[] = [
  { key: 'wrapUpLimitSeconds', unit: 'seconds' },
  { key: 'offerTimeoutSeconds', unit: 'seconds' },
  { key: 'callbackAfterSeconds', unit: 'seconds' },
  { key: 'fcrWindowDays', unit: 'days' },
];

/** Allowed range of a number setting, as the server's schema defines it. */
function rangeOf(key: NumberSettingKey): { min: number; max: number } {
  const schema = runtimeSettingsSchema.shape[key];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** Admin screen of the run-time settings and the resolution codes. */
export function SettingsAdminPage(): JSX.Element {
  return (
    <AdminOnly>
      <div class="stack settings-page">
        <div>
          <h1>{t('settings.title')}</h1>
          <p class="muted">{t('settings.lead')}</p>
        </div>
        <SettingsForm />
        <ResolutionCodesEditor />
      </div>
    </AdminOnly>
  );
}

/** Values as typed: numbers stay text until saved, so a half-typed value is not lost. */
interface Draft {
  questions: SurveyQuestion[];
  numbers: Record<NumberSettingKey, string>;
}

function toDraft(settings: RuntimeSettings): Draft {
  const numbers = {} as Record<NumberSettingKey, string>;
  for (const key of [...numberSettings.map((entry) => entry.key), 'surveyTtlDays'] as const) {
    numbers[key] = String(settings[key]);
  }
  return { questions: settings.surveyQuestions, numbers };
}

/** Returns the body to save, or the message of the first invalid field. */
function toBody(draft: Draft): { body: UpdateSettingsBody } | { error: string } {
  if (draft.questions.some((question) => question.text.trim() === '')) {
    return { error: t('settings.emptyQuestion') };
  }
  const body: UpdateSettingsBody = {
    surveyQuestions: draft.questions.map((question) => ({
      ...question,
      text: question.text.trim(),
    })),
  };
  for (const key of ['surveyTtlDays', ...numberSettings.map((entry) => entry.key)] as const) {
    const { min, max } = rangeOf(key);
    const text = draft.numbers[key].trim();
    const value = Number(text);
    if (text === '' || !Number.isInteger(value) || value < min || value > max) {
      return { error: t('settings.invalidNumber', { field: t(`settings.${key}`), min, max }) };
    }
    body[key] = value;
  }
  return { body };
}

function SettingsForm(): JSX.Element {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetchSettings().then(
      (settings) => setDraft(toDraft(settings)),
      (failure: unknown) => {
        if (!handleAuthError(failure)) {
          setLoadError(t('settings.loadFailed', { reason: describeError(failure) }));
        }
      },
    );
  }, []);

  if (loadError !== null) {
    return (
      <p class="notice" role="alert">
        {loadError}
      </p>
    );
  }
  if (draft === null) {
    return <p role="status">{t('common.loading')}</p>;
  }

  const change = (next: Draft): void => {
    setDraft(next);
    setSaved(false);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const result = toBody(draft);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setDraft(toDraft(await saveSettings(result.body)));
      setSaved(true);
    } catch (failure) {
      if (!handleAuthError(failure)) {
        setError(describeError(failure));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="stack" onSubmit={(event) => void submit(event)} noValidate>
      <SurveySection draft={draft} onChange={change} />
      <section class="card settings-section" aria-labelledby="settings-timing-title">
        <h2 id="settings-timing-title">{t('settings.timing')}</h2>
        {numberSettings.map((entry) => (
          <NumberField
            key={entry.key}
            setting={entry.key}
            unit={entry.unit}
            value={draft.numbers[entry.key]}
            onInput={(value) =>
              change({ ...draft, numbers: { ...draft.numbers, [entry.key]: value } })
            }
          />
        ))}
      </section>
      <FormError message={error} />
      <div class="form-actions settings-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('settings.saving') : t('settings.save')}
        </button>
        {saved ? (
          <p class="settings-saved" role="status">
            {t('settings.saved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}

function SurveySection(props: { draft: Draft; onChange(draft: Draft): void }): JSX.Element {
  const { draft, onChange } = props;
  const questions = draft.questions;

  const update = (index: number, patch: Partial<SurveyQuestion>): void => {
    const next = questions.map((question, at) =>
      at === index ? { ...question, ...patch } : question,
    );
    onChange({ ...draft, questions: next });
  };
  const move = (index: number, by: -1 | 1): void => {
    const next = [...questions];
    const [moved] = next.splice(index, 1);
    if (moved !== undefined) {
      next.splice(index + by, 0, moved);
      onChange({ ...draft, questions: next });
    }
  };

  return (
    <section class="card settings-section" aria-labelledby="settings-survey-title">
      <h2 id="settings-survey-title">{t('settings.survey')}</h2>
      <p class="muted">{t('settings.surveyLead')}</p>
      <ol class="question-list">
        {questions.map((question, index) => (
          <QuestionRow
            key={question.id}
            question={question}
            first={index === 0}
            last={index === questions.length - 1}
            onChange={(patch) => update(index, patch)}
            onMove={(by) => move(index, by)}
          />
        ))}
      </ol>
      <NumberField
        setting="surveyTtlDays"
        unit="days"
        value={draft.numbers.surveyTtlDays}
        onInput={(value) =>
          onChange({ ...draft, numbers: { ...draft.numbers, surveyTtlDays: value } })
        }
      />
    </section>
  );
}

function QuestionRow(props: {
  question: SurveyQuestion;
  first: boolean;
  last: boolean;
  onChange(patch: Partial<SurveyQuestion>): void;
  onMove(by: -1 | 1): void;
}): JSX.Element {
  const { question } = props;
  const kindLabel = t(`settings.question.${question.kind}`);
  const textId = useId();

  return (
    <li class={question.shown ? 'question-row' : 'question-row question-row-hidden'}>
      <div class="question-head">
        <span class="question-kind">{kindLabel}</span>
        <div class="question-order">
          <button
            type="button"
            class="button button-quiet"
            disabled={props.first}
            aria-label={t('settings.moveUp', { item: kindLabel })}
            onClick={() => props.onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            class="button button-quiet"
            disabled={props.last}
            aria-label={t('settings.moveDown', { item: kindLabel })}
            onClick={() => props.onMove(1)}
          >
            ↓
          </button>
        </div>
      </div>
      <label class="field" for={textId}>
        <span class="visually-hidden">{`${t('settings.questionText')}: ${kindLabel}`}</span>
        <input
          id={textId}
          type="text"
          maxLength={300}
          value={question.text}
          onInput={(event) => props.onChange({ text: event.currentTarget.value })}
        />
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={question.shown}
          aria-label={`${t('settings.questionShown')}: ${kindLabel}`}
          onChange={(event) => props.onChange({ shown: event.currentTarget.checked })}
        />
        <span aria-hidden="true">{t('settings.questionShown')}</span>
      </label>
    </li>
  );
}

function NumberField(props: {
  setting: NumberSettingKey;
  unit: 'seconds' | 'days';
  value: string;
  onInput(value: string): void;
}): JSX.Element {
  const { min, max } = rangeOf(props.setting);
  const hintId = useId();
  const label: MessageKey = `settings.${props.setting}`;
  const hint: MessageKey = `settings.${props.setting}Hint`;

  return (
    <div class="number-setting">
      <label class="field">
        <span>{t(label)}</span>
        <span class="number-input">
          <input
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={1}
            value={props.value}
            aria-describedby={hintId}
            onInput={(event) => props.onInput(event.currentTarget.value)}
          />
          <span class="muted">{t(`settings.unit.${props.unit}`)}</span>
        </span>
      </label>
      <p class="field-hint muted" id={hintId}>
        {t(hint)} {t('settings.range', { min, max })}
      </p>
    </div>
  );
}
