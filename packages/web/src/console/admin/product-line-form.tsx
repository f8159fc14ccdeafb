import type { ProductLine, SupportHours } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { describeError } from '../../shared/describe-error';
import { FormError } from '../../shared/ui/form-error';
import { handleAuthError } from '../auth';
import { createProductLine, updateProductLine } from './admin-api';
import { SupportHoursEditor } from './support-hours-editor';
import { TagInput, normalizeLanguage, normalizeSkill } from './tag-input';

/** Turns a name into a slug suggestion: `Router X1 Pro` becomes `router-x1-pro`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

interface FormState {
  name: string;
  slug: string;
  language: string;
  greeting: string;
  callbackAfterSeconds: string;
  skills: string[];
  serialPattern: string;
  checkDigit: ProductLine['checkDigit'];
  supportHours: SupportHours | null;
}

function initialState(line: ProductLine | undefined): FormState {
  return {
    name: line?.name ?? '',
    slug: line?.slug ?? '',
    language: line?.language ?? 'en',
    greeting: line?.greeting ?? '',
    callbackAfterSeconds:
      line?.callbackAfterSeconds === null || line === undefined
        ? ''
        : String(line.callbackAfterSeconds),
    skills: line?.skills ?? [],
    serialPattern: line?.serialPattern ?? '',
    checkDigit: line?.checkDigit ?? 'none',
    supportHours: line?.supportHours ?? null,
  };
}

export interface ProductLineFormProps {
  /** The product line to edit, or undefined to create one. */
  line: ProductLine | undefined;
  /** Skills in use elsewhere, offered as suggestions. */
  knownSkills: readonly string[];
  onSaved(line: ProductLine): void;
  onCancel(): void;
}

/** Form that creates a product line or edits every field of one. */
export function ProductLineForm(props: ProductLineFormProps): JSX.Element {
  const { line } = props;
  const [state, setState] = useState<FormState>(() => initialState(line));
  const [slugEdited, setSlugEdited] = useState(line !== undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const ids = {
    name: useId(),
    slug: useId(),
    slugHint: useId(),
    language: useId(),
    languageHint: useId(),
    greeting: useId(),
    callback: useId(),
    callbackHint: useId(),
    pattern: useId(),
    patternHint: useId(),
    checkDigit: useId(),
  };

  const update = (changes: Partial<FormState>): void => {
    setState((current) => ({ ...current, ...changes }));
    setSaved(false);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const language = normalizeLanguage(state.language);
    if (language === null) {
      setError(t('admin.productLine.languageInvalid'));
      return;
    }

    setBusy(true);
    setError(null);
    const callback = state.callbackAfterSeconds.trim();
    const pattern = state.serialPattern.trim();
    const fields = {
      name: state.name.trim(),
      slug: state.slug.trim(),
      language,
      greeting: state.greeting.trim() || null,
      callbackAfterSeconds: callback === '' ? null : Number(callback),
      skills: state.skills,
      checkDigit: state.checkDigit,
      supportHours: state.supportHours,
    };
    try {
      const result =
        line === undefined
          ? await createProductLine(pattern === '' ? fields : { ...fields, serialPattern: pattern })
          : await updateProductLine(line.id, { ...fields, serialPattern: pattern || null });
      setState(initialState(result));
      setSaved(true);
      props.onSaved(result);
    } catch (failure) {
      if (!handleAuthError(failure)) setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="admin-form" onSubmit={(event) => void submit(event)}>
      <section class="card stack" aria-labelledby={`${ids.name}-section`}>
        <h2 id={`${ids.name}-section`}>{t('admin.productLine.details')}</h2>
        <div class="field">
          <label for={ids.name}>{t('admin.productLine.name')}</label>
          <input
            id={ids.name}
            type="text"
            required
            maxLength={120}
            value={state.name}
            onInput={(event) => {
              const name = event.currentTarget.value;
              update(slugEdited ? { name } : { name, slug: slugify(name) });
            }}
          />
        </div>
        <div class="field">
          <label for={ids.slug}>{t('admin.productLine.slug')}</label>
          <input
            id={ids.slug}
            type="text"
            required
            maxLength={60}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            spellcheck={false}
            autoComplete="off"
            aria-describedby={ids.slugHint}
            value={state.slug}
            onInput={(event) => {
              setSlugEdited(true);
              update({ slug: event.currentTarget.value });
            }}
          />
          <span id={ids.slugHint} class="field-hint">
            {line === undefined
              ? t('admin.productLine.slugHint')
              : t('admin.productLine.slugChangeHint')}
          </span>
        </div>
        <div class="field-row">
          <div class="field">
            <label for={ids.language}>{t('admin.productLine.language')}</label>
            <input
              id={ids.language}
              type="text"
              required
              maxLength={35}
              spellcheck={false}
              aria-describedby={ids.languageHint}
              value={state.language}
              onInput={(event) => update({ language: event.currentTarget.value })}
            />
            <span id={ids.languageHint} class="field-hint">
              {t('admin.productLine.languageHint')}
            </span>
          </div>
          <div class="field">
            <label for={ids.callback}>{t('admin.productLine.callbackAfter')}</label>
            <input
              id={ids.callback}
              type="number"
              min={0}
              max={14400}
              step={1}
              inputMode="numeric"
              aria-describedby={ids.callbackHint}
              value={state.callbackAfterSeconds}
              onInput={(event) => update({ callbackAfterSeconds: event.currentTarget.value })}
            />
            <span id={ids.callbackHint} class="field-hint">
              {t('admin.productLine.callbackAfterHint')}
            </span>
          </div>
        </div>
        <div class="field">
          <label for={ids.greeting}>{t('admin.productLine.greeting')}</label>
          <textarea
            id={ids.greeting}
            rows={3}
            maxLength={500}
            value={state.greeting}
            placeholder={t('admin.productLine.greetingPlaceholder')}
            onInput={(event) => update({ greeting: event.currentTarget.value })}
          />
        </div>
      </section>

      <section class="card stack" aria-labelledby={`${ids.name}-routing`}>
        <h2 id={`${ids.name}-routing`}>{t('admin.productLine.routing')}</h2>
        <TagInput
          label={t('admin.productLine.skills')}
          hint={t('admin.productLine.skillsHint')}
          tags={state.skills}
          onChange={(skills) => update({ skills })}
          normalize={normalizeSkill}
          invalidMessage={t('admin.skillInvalid')}
          suggestions={props.knownSkills}
          max={20}
        />
        <SupportHoursEditor
          hours={state.supportHours}
          onChange={(supportHours) => update({ supportHours })}
        />
      </section>

      <section class="card stack" aria-labelledby={`${ids.name}-serials`}>
        <h2 id={`${ids.name}-serials`}>{t('admin.productLine.serials')}</h2>
        <div class="field">
          <label for={ids.pattern}>{t('admin.productLine.serialPattern')}</label>
          <input
            id={ids.pattern}
            type="text"
            class="mono"
            maxLength={200}
            spellcheck={false}
            autoComplete="off"
            placeholder="^[A-Z]{2}\d{6}$"
            aria-describedby={ids.patternHint}
            value={state.serialPattern}
            onInput={(event) => update({ serialPattern: event.currentTarget.value })}
          />
          <span id={ids.patternHint} class="field-hint">
            {t('admin.productLine.serialPatternHint')}
          </span>
        </div>
        <div class="field">
          <label for={ids.checkDigit}>{t('admin.productLine.checkDigit')}</label>
          <select
            id={ids.checkDigit}
            value={state.checkDigit}
            onChange={(event) =>
              update({ checkDigit: event.currentTarget.value as FormState['checkDigit'] })
            }
          >
            <option value="none">{t('admin.checkDigit.none')}</option>
            <option value="mod10">{t('admin.checkDigit.mod10')}</option>
            <option value="gs1">{t('admin.checkDigit.gs1')}</option>
            <option value="mod11">{t('admin.checkDigit.mod11')}</option>
          </select>
        </div>
      </section>

      <FormError message={error} />
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy
            ? t('admin.saving')
            : line === undefined
              ? t('admin.productLine.create')
              : t('admin.save')}
        </button>
        <button type="button" class="button" onClick={props.onCancel}>
          {line === undefined ? t('common.cancel') : t('admin.productLine.backToList')}
        </button>
        <span role="status" class="muted">
          {saved ? t('admin.saved') : null}
        </span>
      </div>
    </form>
  );
}
