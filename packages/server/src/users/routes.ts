import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type Role,
  createUserBodySchema,
  teamBodySchema,
  teamListResponseSchema,
  teamSchema,
  updateUserBodySchema,
  userAccountSchema,
  userListResponseSchema,
} from '@lensdesk/protocol';
import { z } from 'zod';
import { requireRole } from '../auth/guard.js';
import { consoleErrorResponses } from '../http/error-responses.js';
import type { UserAdminService } from './service.js';

const paramsSchema = z.object({ id: z.uuid() });

/** Roles that may read accounts and teams: supervisors see who works in which team. */
const readerRoles: readonly Role[] = ['supervisor', 'admin'];

/** User and team administration, under `/api/users` and `/api/teams`. */
export const userRoutes: FastifyPluginAsyncZod<{ users: UserAdminService }> = async (
  app,
  options,
) => {
  const { users } = options;

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List console users by name (supervisors and admins)',
        response: { 200: userListResponseSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      requireRole(request, readerRoles);
      return { users: await users.listUsers() };
    },
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'One console user (supervisors and admins)',
        params: paramsSchema,
        response: { 200: userAccountSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      requireRole(request, readerRoles);
      return users.getUser(request.params.id);
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a console user with an initial password (admins)',
        body: createUserBodySchema,
        response: { 201: userAccountSchema, ...consoleErrorResponses },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, ['admin']);
      const user = await users.createUser(request.body);
      request.log.info({ userId: user.id, role: user.role, by: admin.id }, 'user created');
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change the name, role, team, skills, languages or password of a user (admins)',
        params: paramsSchema,
        body: updateUserBodySchema,
        response: { 200: userAccountSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      const admin = requireRole(request, ['admin']);
      const user = await users.updateUser(request.params.id, request.body);
      // The field names only: the body may hold a password.
      request.log.info(
        { userId: user.id, fields: Object.keys(request.body), by: admin.id },
        'user updated',
      );
      return user;
    },
  );

  app.get(
    '/teams',
    {
      schema: {
        tags: ['users'],
        summary: 'List teams by name, with their member counts (supervisors and admins)',
        response: { 200: teamListResponseSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      requireRole(request, readerRoles);
      return { teams: await users.listTeams() };
    },
  );

  app.post(
    '/teams',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a team (admins)',
        body: teamBodySchema,
        response: { 201: teamSchema, ...consoleErrorResponses },
      },
    },
    async (request, reply) => {
      requireRole(request, ['admin']);
      const team = await users.createTeam(request.body.name);
      request.log.info({ teamId: team.id }, 'team created');
      return reply.code(201).send(team);
    },
  );

  app.patch(
    '/teams/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Rename a team (admins)',
        params: paramsSchema,
        body: teamBodySchema,
        response: { 200: teamSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      requireRole(request, ['admin']);
      const team = await users.renameTeam(request.params.id, request.body.name);
      request.log.info({ teamId: team.id }, 'team renamed');
      return team;
    },
  );
};
