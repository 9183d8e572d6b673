import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';

for (const db of testDatabases()) {
  describe(`GET /healthz (${db.name})`, () => {
    const ctx = useRoster(db);

    it('answers 200 while the store answers, with a request id and nothing about tenants', async () => {
      const res = await fetch(`${ctx().baseUrl}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      expect(res.headers.get('x-ca-request-id')).toMatch(/^[0-9A-F-]{36}$/);
    });

    it('answers 503 once the store is gone', async () => {
      await ctx().c.store.close();
      const res = await fetch(`${ctx().baseUrl}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable' });
    });
  });
}
