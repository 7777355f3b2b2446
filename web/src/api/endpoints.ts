import type { Role } from '../../../shared/contract.js';
import type { PreviewRequest, PreviewResponse } from '../../../shared/hours/schemas.js';
import type { Organisation } from '../../../shared/organisation.js';
import { request } from './client.js';

export interface DevUser {
  id: string;
  name: string;
  role: Role;
  organisation: string;
}

export interface Principal {
  userId: string;
  name: string;
  role: Role;
  orgId: string;
  tenant: string;
}

export const api = {
  devUsers: () => request<{ users: DevUser[]; baseKeys: { base: string; key: string }[] }>('GET', '/v1/dev/users'),
  devToken: (user: string) => request<{ accessToken: string }>('POST', '/v1/dev/token', { user }),
  me: () => request<Principal>('GET', '/v1/me'),
  organisations: () => request<{ items: Organisation[] }>('GET', '/v1/organisations'),
  /** The public calculator (SPEC §7), no login. */
  previewHours: (body: PreviewRequest) => request<PreviewResponse>('POST', '/v1/hours/preview', body),
};
