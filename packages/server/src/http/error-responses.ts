import { errorResponseSchema } from '@lensdesk/protocol';

/**
 * Error responses of a signed-in console route for its OpenAPI schema: invalid input, not signed
 * in, wrong role, not found and conflict. Routes spread it into `response`.
 */
export const consoleErrorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
