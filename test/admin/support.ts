/**
 * A real Roster with an installation operator token, and a plain fetch helper for the admin API
 * (the SDK's own tests live in sdk/; these check the wire exactly).
 */
import { beforeAll } from 'vitest';
import type { TestDatabase } from '../support/databases.js';
import { useRoster, type FixtureOptions, type RosterFixture } from '../support/roster.js';

export interface AdminReply {
  status: number;
  body: any;
  headers: Headers;
}

export interface AdminFixture extends RosterFixture {
  /** An installation-wide operator token. */
  token: string;
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<AdminReply>;
}

export function useAdmin(db: TestDatabase, options: FixtureOptions = {}): () => AdminFixture {
  const roster = useRoster(db, options);
  let token = '';
  beforeAll(async () => {
    token = (await roster().c.admin.tokens.create({ name: 'tests' })).token;
  });
  return () => {
    const r = roster();
    return {
      ...r,
      token,
      async call(method, path, body, as = token) {
        const headers: Record<string, string> = {};
        if (as) headers['authorization'] = `Bearer ${as}`;
        if (body !== undefined) headers['content-type'] = 'application/json';
        const res = await fetch(`${r.baseUrl}/admin/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
      },
    };
  };
}
