import type {
  CreateProductLineInput,
  CreateUserInput,
  ProductLine,
  Team,
  UpdateProductLineInput,
  UpdateUserInput,
  UserAccount,
} from '@lensdesk/protocol';
import { RequestError, isErrorInfo } from '../../shared/errors';
import { requestJson } from '../../shared/http';

const productLinePath = (id: string) => `/api/product-lines/${encodeURIComponent(id)}`;

export async function listProductLines(): Promise<ProductLine[]> {
  const { productLines } = await requestJson<{ productLines: ProductLine[] }>('/api/product-lines');
  return productLines;
}

export function createProductLine(body: CreateProductLineInput): Promise<ProductLine> {
  return requestJson<ProductLine>('/api/product-lines', { method: 'POST', body });
}

export function updateProductLine(id: string, body: UpdateProductLineInput): Promise<ProductLine> {
  return requestJson<ProductLine>(productLinePath(id), { method: 'PATCH', body });
}

/** Values a QR code's link carries to the customer's page. */
export interface QrValues {
  serial?: string;
  model?: string;
}

function queryOf(values: QrValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (values.serial) params.set('serial', values.serial);
  if (values.model) params.set('model', values.model);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/** URL of a product line's QR code image, as SVG or as a PNG of `size` pixels. */
export function qrCodeUrl(
  line: ProductLine,
  format: 'svg' | 'png',
  values: QrValues = {},
  size = 1024,
): string {
  const extra: Record<string, string> = format === 'png' ? { size: String(size) } : {};
  return `${productLinePath(line.id)}/qr.${format}${queryOf(values, extra)}`;
}

/** URL of the label sheet PDF with 24 identical labels. */
export function labelSheetUrl(line: ProductLine, values: QrValues = {}): string {
  return `${productLinePath(line.id)}/labels.pdf${queryOf({ model: values.model ?? '' })}`;
}

/**
 * Fetches the label PDF with one label per serial. The list goes in a POST body because a long
 * list does not fit in a URL. Rejects with a `RequestError` naming the serials that do not fit
 * the product line's pattern.
 */
export async function fetchLabelsForSerials(
  line: ProductLine,
  serials: string[],
  model: string | undefined,
): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`${productLinePath(line.id)}/labels.pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/pdf' },
      body: JSON.stringify(model ? { serials, model } : { serials }),
      credentials: 'same-origin',
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new RequestError({ code: 'NETWORK_FAILED', message });
  }
  if (response.ok) return response.blob();

  const body: unknown = await response.json().catch(() => undefined);
  const info = (body as { error?: unknown } | undefined)?.error;
  throw new RequestError(
    isErrorInfo(info)
      ? info
      : { code: 'NETWORK_FAILED', message: `The label PDF failed with HTTP ${response.status}.` },
    response.status,
  );
}

export async function listUsers(): Promise<UserAccount[]> {
  const { users } = await requestJson<{ users: UserAccount[] }>('/api/users');
  return users;
}

export function createUser(body: CreateUserInput): Promise<UserAccount> {
  return requestJson<UserAccount>('/api/users', { method: 'POST', body });
}

export function updateUser(id: string, body: UpdateUserInput): Promise<UserAccount> {
  return requestJson<UserAccount>(`/api/users/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
  });
}

export async function listTeams(): Promise<Team[]> {
  const { teams } = await requestJson<{ teams: Team[] }>('/api/teams');
  return teams;
}

export function createTeam(name: string): Promise<Team> {
  return requestJson<Team>('/api/teams', { method: 'POST', body: { name } });
}

export function renameTeam(id: string, name: string): Promise<Team> {
  return requestJson<Team>(`/api/teams/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { name },
  });
}
