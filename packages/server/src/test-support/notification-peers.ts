import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message that the test SMTP server accepted. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** The user the client signed in as, if it did. */
  user: string | undefined;
  parsed: ParsedMail;
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * Starts a real SMTP server on a random localhost port, without TLS. With `credentials`, it
 * requires AUTH with them. Recipients matching `rejectRecipients` get a permanent 550 reply.
 */
export async function startSmtpPeer(
  options: { credentials?: { user: string; pass: string }; rejectRecipients?: RegExp } = {},
): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const { credentials, rejectRecipients } = options;

  const server = new SMTPServer({
    logger: false,
    disabledCommands: credentials === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const valid =
        credentials !== undefined &&
        auth.username === credentials.user &&
        auth.password === credentials.pass;
      if (valid) {
        callback(null, { user: auth.username });
        return;
      }
      callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (rejectRecipients?.test(address.address) === true) {
        const error = Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const from = session.envelope.mailFrom;
          received.push({
            envelope: {
              from: from === false ? '' : from.address,
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
            },
            user: typeof session.user === 'string' ? session.user : undefined,
            parsed,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One request that the test SMS provider received. */
export interface ProviderRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: URLSearchParams;
}

/** How the test SMS provider responds to a well-formed, authenticated request. */
export type ProviderBehaviour = 'accept' | 'reject' | 'fail' | 'hang';

export interface SmsProviderPeer {
  url: string;
  accountSid: string;
  authToken: string;
  requests: ProviderRequest[];
  behaviour: ProviderBehaviour;
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server on a random localhost port that responds like Twilio's Messages
 * resource: it checks the path, HTTP basic auth and the `To`, `From` and `Body` form fields,
 * and returns 201 with the created message, or Twilio's error JSON. `behaviour` chooses the
 * response to valid requests: accepted, rejected (400, error 21211), a 500, or no response at all.
 */
export async function startSmsProviderPeer(): Promise<SmsProviderPeer> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const expectedAuthorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const hanging = new Set<ServerResponse>();

  const peer: SmsProviderPeer = {
    url: '',
    accountSid,
    authToken,
    requests: [],
    behaviour: 'accept',
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const form = new URLSearchParams(body);
      peer.requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        form,
      });
      answer(peer, expectedAuthorization, request, form, response, hanging);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  peer.url = `http://127.0.0.1:${port}`;
  return peer;
}

function answer(
  peer: SmsProviderPeer,
  expectedAuthorization: string,
  request: IncomingMessage,
  form: URLSearchParams,
  response: ServerResponse,
  hanging: Set<ServerResponse>,
): void {
  const path = `/2010-04-01/Accounts/${peer.accountSid}/Messages.json`;
  if (request.method !== 'POST' || request.url !== path) {
    sendJson(response, 404, twilioError(20404, 'The requested resource was not found', 404));
    return;
  }
  if (request.headers.authorization !== expectedAuthorization) {
    sendJson(response, 401, twilioError(20003, 'Authenticate', 401));
    return;
  }
  const missing = ['To', 'From', 'Body'].find((field) => (form.get(field) ?? '') === '');
  if (missing !== undefined) {
    sendJson(response, 400, twilioError(21604, `A '${missing}' parameter is required.`, 400));
    return;
  }

  const to = form.get('To') ?? '';
  switch (peer.behaviour) {
    case 'accept':
      sendJson(response, 201, {
        sid: `SM${randomBytes(16).toString('hex')}`,
        account_sid: peer.accountSid,
        to,
        from: form.get('From'),
        body: form.get('Body'),
        status: 'queued',
        api_version: '2010-04-01',
        error_code: null,
        error_message: null,
      });
      return;
    case 'reject':
      sendJson(
        response,
        400,
        twilioError(21211, `The 'To' number ${to} is not a valid phone number.`, 400),
      );
      return;
    case 'fail':
      sendJson(response, 500, twilioError(20500, 'An internal server error has occurred', 500));
      return;
    case 'hang':
      hanging.add(response);
      return;
  }
}

function twilioError(code: number, message: string, status: number) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Returns a localhost port that nothing listens on, for tests of unreachable servers. */
export async function findClosedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
