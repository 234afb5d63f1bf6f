import type { IncomingHttpHeaders } from 'node:http';
import type { OAuthState } from './oauth-state';
import type { SimApp, SimRelation, SimUser, VHost } from './types';

export interface SimContext {
  vhost: VHost;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  data: SimData;
  /** Filled by handlers so the log can say how the request was authenticated. */
  auth: 'none' | 'user' | 'app' | 'invalid';
  form?: URLSearchParams;
}

export interface SimData {
  users: Map<number, SimUser>;
  relations: SimRelation[];
  app: SimApp;
  authorize: { mode: 'approve' | 'deny' | 'page'; userId: number };
  oauth: OAuthState;
}

export interface SimReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimReply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

export const html = (body: string, status = 200): SimReply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});

export const wrapped = (data: unknown): SimReply => json(200, { data, message: 'OK' });

export function findUserBySlug(data: SimData, slug: string) {
  const wanted = slug.toLowerCase();
  for (const user of data.users.values()) if (user.slug.toLowerCase() === wanted) return user;
  return undefined;
}

export function findUserByName(data: SimData, name: string) {
  const wanted = name.toLowerCase();
  for (const user of data.users.values()) if (user.username.toLowerCase() === wanted) return user;
  return undefined;
}
