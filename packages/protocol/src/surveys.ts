import { z } from 'zod';

/**
 * Kinds of survey question. `csat` (satisfaction) and `empathy` ("the agent understood my
 * problem") are rated 1 to 5, `ces` (customer effort: how easy it was to get the problem solved)
 * 1 to 7, and `comment` takes free text. Each kind feeds one KPI, so a survey contains each kind
 * at most once.
 */
export const surveyQuestionKinds = ['csat', 'empathy', 'ces', 'comment'] as const;
export const surveyQuestionKindSchema = z.enum(surveyQuestionKinds);
export type SurveyQuestionKind = z.infer<typeof surveyQuestionKindSchema>;

/** Rating kinds, whose answers are whole numbers on a scale. */
export type SurveyRatingKind = Exclude<SurveyQuestionKind, 'comment'>;

/** Scale of each rating kind: the lowest and the highest answer. */
export const surveyScales: Readonly<Record<SurveyRatingKind, { min: number; max: number }>> = {
  csat: { min: 1, max: 5 },
  empathy: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

/** Maximum length of the comment answer, in characters. */
export const maxSurveyCommentLength = 2000;

/** One question as an admin configures it in the settings. */
export const surveyQuestionSchema = z
  .object({
    /** Key of the question's answer, stable across wording changes. */
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be 1 to 40 lower-case letters, digits or _'),
    kind: surveyQuestionKindSchema,
    text: z.string().trim().min(1).max(300),
    /** True when customers see the question. A hidden question keeps its wording for later. */
    shown: z.boolean(),
  })
  .strict();
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

/**
 * The survey's questions in the order customers see them. Ids and kinds are unique. Hiding every
 * question turns the survey off: calls that end then get no survey.
 */
export const surveyQuestionsSchema = z
  .array(surveyQuestionSchema)
  .max(surveyQuestionKinds.length)
  .superRefine((questions, context) => {
    const ids = new Set<string>();
    const kinds = new Set<SurveyQuestionKind>();
    questions.forEach((question, index) => {
      if (ids.has(question.id)) {
        context.addIssue({ code: 'custom', path: [index, 'id'], message: 'is used twice' });
      }
      if (kinds.has(question.kind)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'kind'],
          message: 'is used twice, but each kind may appear only once',
        });
      }
      ids.add(question.id);
      kinds.add(question.kind);
    });
  });

/** Questions of a new installation. */
export const defaultSurveyQuestions: readonly SurveyQuestion[] = [
  {
    id: 'csat',
    kind: 'csat',
    text: 'How satisfied are you with this support call?',
    shown: true,
  },
  { id: 'empathy', kind: 'empathy', text: 'The agent understood my problem.', shown: true },
  { id: 'ces', kind: 'ces', text: 'How easy was it to get your problem solved?', shown: true },
  { id: 'comment', kind: 'comment', text: 'Anything else you would like to tell us?', shown: true },
];

/** Question as the customer's page shows it, with the scale of rating questions. */
export const surveyQuestionViewSchema = z.object({
  id: z.string(),
  kind: surveyQuestionKindSchema,
  text: z.string(),
  /** Lowest and highest answer of a rating question, or null for the comment. */
  scale: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
});
export type SurveyQuestionView = z.infer<typeof surveyQuestionViewSchema>;

/**
 * Response of `GET /api/surveys/:token` and `GET /api/customer/survey`: what the customer's page
 * needs to show one survey.
 */
export const surveyViewSchema = z.object({
  /** Capability token of the survey, which opens `/survey/<token>`. */
  token: z.string(),
  companyName: z.string(),
  /** First name of the agent who took the call, if known. */
  agentFirstName: z.string().nullable(),
  questions: z.array(surveyQuestionViewSchema),
  expiresAt: z.iso.datetime(),
  /** Time the customer answered, or null while the survey is open. */
  submittedAt: z.iso.datetime().nullable(),
});
export type SurveyView = z.infer<typeof surveyViewSchema>;

/** Path parameters of `/api/surveys/:token`. */
export const surveyParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'is not a survey token'),
});

/**
 * Body of `POST /api/surveys/:token`: answers keyed by question id, a whole number for rating
 * questions and text for the comment. Questions left out count as not answered, but at least one
 * answer is required. The server checks each answer against the survey's stored questions.
 */
export const submitSurveyBodySchema = z
  .object({
    answers: z.record(
      z.string().max(40),
      z.union([z.number().int(), z.string().max(maxSurveyCommentLength)]),
    ),
  })
  .strict();
export type SubmitSurveyBody = z.infer<typeof submitSurveyBodySchema>;

/** Survey of one session as the case record shows it to staff. */
export const sessionSurveySchema = z.object({
  /** `open` until answered or expired. */
  status: z.enum(['open', 'answered', 'expired']),
  expiresAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().nullable(),
  csat: z.number().int().nullable(),
  empathy: z.number().int().nullable(),
  ces: z.number().int().nullable(),
  comment: z.string().nullable(),
});
export type SessionSurvey = z.infer<typeof sessionSurveySchema>;
