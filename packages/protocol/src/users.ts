import { z } from 'zod';
import { roleSchema } from './session.js';
import { languageListSchema, skillListSchema } from './skills.js';

/** Minimum length of a password that an admin sets. */
export const minPasswordLength = 10;

/** A team of agents; KPIs are sliced by team. */
export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberCount: z.number().int().min(0),
  createdAt: z.iso.datetime(),
});
export type Team = z.infer<typeof teamSchema>;

/** A console account as admins manage it: role, team and what routing matches. */
export const userAccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export type UserAccount = z.infer<typeof userAccountSchema>;

const nameSchema = z.string().trim().min(1).max(120);
const passwordSchema = z
  .string()
  .min(minPasswordLength, `A password has at least ${minPasswordLength} characters.`)
  .max(1024);

/** Body of `POST /api/users`. */
export const createUserBodySchema = z
  .object({
    email: z.string().trim().toLowerCase().max(320).pipe(z.email('Enter an e-mail address.')),
    name: nameSchema,
    role: roleSchema,
    /** Initial password; the user signs in with it and the admin passes it on. */
    password: passwordSchema,
    teamId: z.uuid().nullable().optional(),
    skills: skillListSchema.optional(),
    languages: languageListSchema.optional(),
  })
  .strict();
export type CreateUserBody = z.infer<typeof createUserBodySchema>;
/** Body of `POST /api/users` as a client writes it, before defaults apply. */
export type CreateUserInput = z.input<typeof createUserBodySchema>;

/** Body of `PATCH /api/users/:id`: only the fields given change. */
export const updateUserBodySchema = z
  .object({
    name: nameSchema.optional(),
    role: roleSchema.optional(),
    /** New password; setting it signs the user out of every console. */
    password: passwordSchema.optional(),
    teamId: z.uuid().nullable().optional(),
    skills: skillListSchema.optional(),
    languages: languageListSchema.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Give at least one field to change.');
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;
/** Body of `PATCH /api/users/:id` as a client writes it. */
export type UpdateUserInput = z.input<typeof updateUserBodySchema>;

/** Response of `GET /api/users`. */
export const userListResponseSchema = z.object({ users: z.array(userAccountSchema) });

/** Body of `POST /api/teams` and `PATCH /api/teams/:id`. */
export const teamBodySchema = z.object({ name: z.string().trim().min(1).max(80) }).strict();
export type TeamBody = z.infer<typeof teamBodySchema>;

/** Response of `GET /api/teams`. */
export const teamListResponseSchema = z.object({ teams: z.array(teamSchema) });
