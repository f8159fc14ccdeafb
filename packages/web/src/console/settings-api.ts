import type {
  CreateResolutionCodeBody,
  ResolutionCode,
  ResolutionCodeList,
  RuntimeSettings,
  UpdateResolutionCodeBody,
  UpdateSettingsBody,
} from '@lensdesk/protocol';
import { requestJson } from '../shared/http';

/** Lists resolution codes by position; `all` includes deactivated ones. */
export async function listResolutionCodes(all = false): Promise<ResolutionCode[]> {
  const query = all ? '?all=true' : '';
  const { codes } = await requestJson<ResolutionCodeList>(`/api/resolution-codes${query}`);
  return codes;
}

export function createResolutionCode(body: CreateResolutionCodeBody): Promise<ResolutionCode> {
  return requestJson<ResolutionCode>('/api/resolution-codes', { method: 'POST', body });
}

export function updateResolutionCode(
  code: string,
  body: UpdateResolutionCodeBody,
): Promise<ResolutionCode> {
  return requestJson<ResolutionCode>(`/api/resolution-codes/${encodeURIComponent(code)}`, {
    method: 'PATCH',
    body,
  });
}

export function fetchSettings(): Promise<RuntimeSettings> {
  return requestJson<RuntimeSettings>('/api/settings');
}

/** Saves the given settings; the server changes all of them or none. */
export function saveSettings(body: UpdateSettingsBody): Promise<RuntimeSettings> {
  return requestJson<RuntimeSettings>('/api/settings', { method: 'PUT', body });
}
