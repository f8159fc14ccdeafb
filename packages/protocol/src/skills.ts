import { z } from 'zod';

/** Maximum skills on one agent or product line. */
export const maxSkills = 20;

/** Maximum languages on one agent. */
export const maxLanguages = 10;

/**
 * A skill that routing matches between agents and product lines, such as `routers` or `fiber`.
 * Stored trimmed and lower-case, so `Routers` and `routers` are the same skill.
 */
export const skillSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u,
    'A skill has letters, digits, spaces, dots, hyphens or underscores, and starts with a letter or digit.',
  );

/** Skills without duplicates, in the order given. */
export const skillListSchema = z
  .array(skillSchema)
  .max(maxSkills)
  .transform((skills) => [...new Set(skills)]);

/**
 * A BCP 47 language tag such as `en`, `de-CH` or `pt-BR`, in its canonical case (`en-us`
 * becomes `en-US`).
 */
export const languageTagSchema = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .transform((tag, context) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical !== undefined) return canonical;
    } catch {
      // Reported below.
    }
    context.addIssue({
      code: 'custom',
      message: `"${tag}" is not a BCP 47 language tag such as en, de or pt-BR.`,
    });
    return z.NEVER;
  });

/** Languages without duplicates, at least one. */
export const languageListSchema = z
  .array(languageTagSchema)
  .min(1, 'Give at least one language.')
  .max(maxLanguages)
  .transform((tags) => [...new Set(tags)]);
