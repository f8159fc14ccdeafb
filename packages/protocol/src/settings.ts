import { z } from 'zod';
import { surveyQuestionsSchema } from './surveys.js';

/**
 * Settings that admins change at run time, each with its allowed range. The server fills in a
 * default for every setting that was never saved.
 */
export const runtimeSettingsSchema = z.object({
  /** Questions of the customer survey; hiding all of them turns the survey off. */
  surveyQuestions: surveyQuestionsSchema,
  /** Days a survey link stays open after the call. */
  surveyTtlDays: z.number().int().min(1).max(60),
  /** Seconds an agent may spend in wrap-up before routing counts the agent available again. */
  wrapUpLimitSeconds: z.number().int().min(10).max(3600),
  /**
   * Days after a session in which another session for the same serial number or customer contact
   * counts as a repeat contact, so the first one was not resolved on first contact.
   */
  fcrWindowDays: z.number().int().min(1).max(90),
  /** Seconds a queued customer waits before a callback request is offered. */
  callbackAfterSeconds: z.number().int().min(0).max(3600),
  /** Seconds an offer rings in one agent's console before it moves to the next agent. */
  offerTimeoutSeconds: z.number().int().min(5).max(300),
});
export type RuntimeSettings = z.infer<typeof runtimeSettingsSchema>;

/**
 * Body of `PUT /api/settings`: the settings to change. Settings left out keep their value; an
 * invalid value rejects the whole request and changes nothing.
 */
export const updateSettingsBodySchema = runtimeSettingsSchema
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'must set at least one setting' });
export type UpdateSettingsBody = z.infer<typeof updateSettingsBodySchema>;
