import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from '../../i18n';

export interface TagInputProps {
  label: string;
  hint: string;
  tags: string[];
  onChange(tags: string[]): void;
  /** Returns the tag to add in its stored form, or null when `text` is not a valid tag. */
  normalize(text: string): string | null;
  /** Message shown when `normalize` rejects the text. */
  invalidMessage: string;
  /** Suggestions offered while typing, such as known skills. */
  suggestions?: readonly string[];
  max: number;
}

/**
 * Renders a list of tags with an input that adds one on Enter, comma or leaving the field, and a remove
 * button on each tag. Backspace in the empty input removes the last tag.
 */
export function TagInput(props: TagInputProps): JSX.Element {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const listId = useId();

  /**
   * Adds each text as a tag, in one change so that several pasted tags all stay. Returns false,
   * keeping the text for correction, when one of them is invalid or there are too many.
   */
  const add = (texts: readonly string[]): boolean => {
    const next = [...props.tags];
    for (const raw of texts) {
      const trimmed = raw.trim();
      if (trimmed === '') continue;

      const tag = props.normalize(trimmed);
      if (tag === null) {
        setProblem(props.invalidMessage);
        return false;
      }
      if (next.includes(tag)) continue;
      if (next.length >= props.max) {
        setProblem(t('admin.tags.tooMany', { max: props.max }));
        return false;
      }
      next.push(tag);
    }

    if (next.length !== props.tags.length) props.onChange(next);
    setProblem(null);
    setText('');
    return true;
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add([text]);
    } else if (event.key === 'Backspace' && text === '' && props.tags.length > 0) {
      props.onChange(props.tags.slice(0, -1));
    }
  };

  const remaining = (props.suggestions ?? []).filter((tag) => !props.tags.includes(tag));

  return (
    <div class="field tag-field">
      <label for={inputId}>{props.label}</label>
      <div class="tag-box">
        {props.tags.length > 0 ? (
          <ul class="tag-list" aria-label={props.label}>
            {props.tags.map((tag) => (
              <li key={tag} class="tag">
                <span>{tag}</span>
                <button
                  type="button"
                  class="tag-remove"
                  aria-label={t('admin.tags.remove', { tag })}
                  onClick={() => props.onChange(props.tags.filter((other) => other !== tag))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          id={inputId}
          type="text"
          value={text}
          autoComplete="off"
          list={remaining.length > 0 ? listId : undefined}
          aria-describedby={hintId}
          aria-invalid={problem !== null}
          onInput={(event) => {
            const value = event.currentTarget.value;
            // A comma typed or pasted ends the tag before it.
            if (value.includes(',')) {
              const parts = value.split(',');
              const last = parts.pop() ?? '';
              if (add(parts)) setText(last);
              else setText(value);
            } else {
              setText(value);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => add([text])}
        />
      </div>
      {remaining.length > 0 ? (
        <datalist id={listId}>
          {remaining.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
      ) : null}
      <span id={hintId} class={problem === null ? 'field-hint' : 'field-hint field-problem'}>
        {problem ?? props.hint}
      </span>
    </div>
  );
}

const skillPattern = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;

/** Normalizes a skill as the server stores it: trimmed and lower-case. */
export function normalizeSkill(text: string): string | null {
  const skill = text.trim().toLowerCase();
  return skill.length <= 40 && skillPattern.test(skill) ? skill : null;
}

/** Canonicalizes a BCP 47 language tag (`en-us` to `en-US`), or returns null if it is not one. */
export function normalizeLanguage(text: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(text.trim());
    return canonical ?? null;
  } catch {
    return null;
  }
}
