import type {
  CreateSessionBody,
  CreateSessionResponse,
  MeResponse,
  NotificationChannels,
  ProductLine,
  ReadResult,
  ReadSnapshotBody,
  SendInviteBody,
  SendInviteResponse,
  SessionDetail,
  SessionStatus,
  SessionSummary,
  UpdateSessionBody,
  User,
  WrapUpBody,
} from '@lensdesk/protocol';
import { requestJson } from '../shared/http';

/** Signs in; the server sets the session cookie. */
export async function signIn(email: string, password: string): Promise<User> {
  const { user } = await requestJson<MeResponse>('/api/auth/login', {
    method: 'POST',
    body: { email, password },
  });
  return user;
}

export async function signOut(): Promise<void> {
  await requestJson<void>('/api/auth/logout', { method: 'POST' });
}

/** Returns the signed-in user; rejects with `UNAUTHENTICATED` when there is none. */
export async function fetchMe(): Promise<User> {
  const { user } = await requestJson<MeResponse>('/api/auth/me');
  return user;
}

export async function listSessions(
  query: { status?: SessionStatus; limit?: number } = {},
): Promise<SessionSummary[]> {
  const params = new URLSearchParams();
  if (query.status !== undefined) {
    params.set('status', query.status);
  }
  params.set('limit', String(query.limit ?? 50));
  const { sessions } = await requestJson<{ sessions: SessionSummary[] }>(
    `/api/sessions?${params.toString()}`,
  );
  return sessions;
}

export function createSession(body: CreateSessionBody): Promise<CreateSessionResponse> {
  return requestJson<CreateSessionResponse>('/api/sessions', { method: 'POST', body });
}

/** Sends a waiting session's customer link to the customer by e-mail or SMS. */
export function sendInvite(id: string, body: SendInviteBody): Promise<SendInviteResponse> {
  return requestJson<SendInviteResponse>(`/api/sessions/${encodeURIComponent(id)}/invites`, {
    method: 'POST',
    body,
  });
}

/** Returns which channels (e-mail, SMS) the server can send invites through. */
export function fetchNotificationChannels(): Promise<NotificationChannels> {
  return requestJson<NotificationChannels>('/api/notifications/channels');
}

export function fetchSession(id: string): Promise<SessionDetail> {
  return requestJson<SessionDetail>(`/api/sessions/${encodeURIComponent(id)}`);
}

export function saveWrapUp(id: string, body: WrapUpBody): Promise<SessionDetail> {
  return requestJson<SessionDetail>(`/api/sessions/${encodeURIComponent(id)}/wrap-up`, {
    method: 'POST',
    body,
  });
}

/** Sets the serial number, model number or product line of a case. */
export function updateCase(id: string, body: UpdateSessionBody): Promise<SessionDetail> {
  return requestJson<SessionDetail>(`/api/sessions/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
  });
}

export async function listProductLines(): Promise<ProductLine[]> {
  const { productLines } = await requestJson<{ productLines: ProductLine[] }>('/api/product-lines');
  return productLines;
}

/** Reads serial candidates, text and barcodes in a region of a snapshot, or in all of it. */
export function readSnapshot(snapshotId: string, body: ReadSnapshotBody): Promise<ReadResult> {
  return requestJson<ReadResult>(`/api/snapshots/${encodeURIComponent(snapshotId)}/read`, {
    method: 'POST',
    body,
  });
}
