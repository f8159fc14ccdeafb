import { z } from 'zod';

/**
 * Registry of every error code that Lensdesk returns, over HTTP and over Socket.IO
 * acknowledgements. Codes are stable: clients and scripts match on them, so a code is never
 * renamed or reused for another meaning. `status` is the HTTP status the code maps to.
 */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, message: 'The request is invalid.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The email or password is incorrect.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this action.' },
  NOT_FOUND: { status: 404, message: 'The resource was not found.' },
  SESSION_NOT_FOUND: { status: 404, message: 'The support session was not found.' },
  LINK_INVALID: { status: 404, message: 'This support link is not valid.' },
  LINK_EXPIRED: { status: 410, message: 'This support link has expired.' },
  SESSION_ENDED: { status: 410, message: 'This support session has ended.' },
  CUSTOMER_ALREADY_CONNECTED: {
    status: 409,
    message: 'This support link is already open on another device.',
  },
  INVALID_TRANSITION: {
    status: 409,
    message: 'The support session is not in a state that allows this action.',
  },
  NOT_IN_CALL: { status: 409, message: 'Join the call before sending this event.' },
  PRODUCT_LINE_NOT_FOUND: { status: 404, message: 'The product line was not found.' },
  PRODUCT_LINE_EXISTS: { status: 409, message: 'A product line with this slug already exists.' },
  USER_NOT_FOUND: { status: 404, message: 'The user was not found.' },
  USER_EXISTS: { status: 409, message: 'A user with this e-mail address already exists.' },
  LAST_ADMIN: {
    status: 409,
    message: 'This is the last admin. Make another user an admin first.',
  },
  TEAM_NOT_FOUND: { status: 404, message: 'The team was not found.' },
  TEAM_EXISTS: { status: 409, message: 'A team with this name already exists.' },
  RESOLUTION_CODE_NOT_FOUND: { status: 404, message: 'The resolution code was not found.' },
  RESOLUTION_CODE_EXISTS: {
    status: 409,
    message: 'A resolution code with this slug already exists.',
  },
  RESOLUTION_CODE_INACTIVE: {
    status: 409,
    message: 'This resolution code is no longer in use. Choose another one.',
  },
  RESOLUTION_CODE_REQUIRED: { status: 400, message: 'Choose a resolution code.' },
  SURVEY_NOT_FOUND: { status: 404, message: 'This survey link is not valid.' },
  SURVEY_EXPIRED: { status: 410, message: 'This survey link has expired.' },
  SURVEY_ALREADY_ANSWERED: { status: 409, message: 'This survey has already been answered.' },
  SNAPSHOT_NOT_FOUND: { status: 404, message: 'The snapshot was not found.' },
  UPLOAD_CONFLICT: {
    status: 409,
    message: 'An upload with this id already has different content.',
  },
  IMAGE_INVALID: {
    status: 400,
    message: 'The upload is not a complete JPEG, PNG or WebP image.',
  },
  IMAGE_TOO_LARGE: { status: 413, message: 'The image has too many pixels.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'The request content type is not accepted here.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts. Wait a minute and try again.' },
  EMAIL_NOT_CONFIGURED: {
    status: 503,
    message: 'Sending e-mail is not set up on this server.',
  },
  SMS_NOT_CONFIGURED: {
    status: 503,
    message: 'Sending text messages is not set up on this server.',
  },
  EMAIL_REJECTED: { status: 422, message: 'The mail server rejected the recipient address.' },
  EMAIL_FAILED: { status: 502, message: 'The e-mail could not be sent. Try again later.' },
  SMS_REJECTED: { status: 422, message: 'The SMS provider rejected the message.' },
  SMS_FAILED: { status: 502, message: 'The text message could not be sent. Try again later.' },
  INVITE_SEND_LIMIT: {
    status: 429,
    message: 'This invite has been sent the maximum number of times. Create a new invite.',
  },
  SUPPORT_CLOSED: {
    status: 409,
    message: 'Support is closed right now. Leave a callback request or come back later.',
  },
  CODE_INVALID: { status: 404, message: 'This code is not valid or has expired.' },
  SESSION_TAKEN: { status: 409, message: 'Another agent has already taken this customer.' },
  SESSION_ASSIGNED: { status: 409, message: 'This call belongs to another agent.' },
  OFFER_EXPIRED: { status: 409, message: 'This offer is no longer open.' },
  AGENT_BUSY: {
    status: 409,
    message: 'You are in a call. Your status changes after the wrap-up.',
  },
  CALLBACK_NOT_FOUND: { status: 404, message: 'The callback request was not found.' },
  NOT_READY: { status: 503, message: 'The service is not ready.' },
  INTERNAL: { status: 500, message: 'An unexpected error occurred.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** Stable string identifying one kind of failure. */
export type ErrorCode = keyof typeof errorCodes;

export const errorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

/** One field-level problem found while parsing an input. */
export const issueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type Issue = z.infer<typeof issueSchema>;

/** Error payload: the body of every failed HTTP response and of every failed acknowledgement. */
export const errorInfoSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  issues: z.array(issueSchema).optional(),
  /** Facts a client can act on, such as `opensAt` of `SUPPORT_CLOSED`. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

/** HTTP error response body. */
export const errorResponseSchema = z.object({ error: errorInfoSchema });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Returns the HTTP status that an error code maps to. */
export function statusOf(code: ErrorCode): number {
  return errorCodes[code].status;
}

/** Converts zod issues to the wire form, with dotted paths. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
