import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  errorResponseSchema,
  submitSurveyBodySchema,
  surveyParamsSchema,
  surveyViewSchema,
} from '@lensdesk/protocol';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { SurveyService } from './service.js';

const errors = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  410: errorResponseSchema,
};

const bearerHeaders = z.object({
  authorization: z.string().optional().describe('Bearer <customer link token>'),
});

const bearerPattern = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

/**
 * Public survey routes, under `/api`. The survey token in the path is the only credential: it
 * opens one survey and nothing else. The customer page also finds the survey of its own call
 * with its link token, right after the call.
 */
export const surveyRoutes: FastifyPluginAsyncZod<{ surveys: SurveyService }> = async (
  app,
  options,
) => {
  const { surveys } = options;

  app.get(
    '/surveys/:token',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The questions of a customer survey, from its link',
        params: surveyParamsSchema,
        response: { 200: surveyViewSchema, ...errors },
      },
    },
    async (request) => surveys.view(request.params.token),
  );

  app.post(
    '/surveys/:token',
    {
      schema: {
        tags: ['surveys'],
        summary: "Store the customer's answers; a survey is answered once",
        params: surveyParamsSchema,
        body: submitSurveyBodySchema,
        response: { 200: surveyViewSchema, ...errors },
      },
    },
    async (request) => surveys.submit(request.params.token, request.body),
  );

  app.get(
    '/customer/survey',
    {
      schema: {
        tags: ['customer'],
        summary: 'The survey of the call that a customer link opened, once the call has ended',
        headers: bearerHeaders,
        response: { 200: surveyViewSchema, ...errors },
      },
    },
    async (request) => {
      const token = bearerPattern.exec(request.headers.authorization ?? '')?.[1];
      if (token === undefined) throw new AppError('SURVEY_NOT_FOUND');
      return surveys.viewForCustomerLink(token);
    },
  );
};
