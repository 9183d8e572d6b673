import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useAdmin } from './support.js';

for (const db of testDatabases()) {
  describe(`admin API operator tokens (${db.name})`, () => {
    const ctx = useAdmin(db);

    it('refuses a request without a token, with a malformed one and with an unknown one (401, one error shape)', async () => {
      const none = await ctx().call('GET', '/companies', undefined, null);
      expect(none.status).toBe(401);
      expect(none.body).toEqual({ code: 'auth.missing_credentials', message: expect.stringContaining('Bearer') });
      const basic = await fetch(`${ctx().baseUrl}/admin/v1/companies`, { headers: { authorization: 'Basic eDp5' } });
      expect(basic.status).toBe(401);
      const unknown = await ctx().call('GET', '/companies', undefined, `rst_${'0'.repeat(64)}`);
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe('auth.invalid_token');
    });

    it('accepts a live token, records when it was last used, and refuses it once revoked', async () => {
      const { c } = ctx();
      const made = await c.admin.tokens.create({ name: 'ci' });
      expect(made.token).toMatch(/^rst_[0-9a-f]{64}$/);
      expect((await ctx().call('GET', '/companies', undefined, made.token)).status).toBe(200);
      const listed = (await c.admin.tokens.list()).find((t) => t.tokenId === made.tokenId)!;
      expect(listed.lastUsedAt).not.toBeNull();
      expect(listed.name).toBe('ci');
      await c.admin.tokens.revoke(made.tokenId);
      const after = await ctx().call('GET', '/companies', undefined, made.token);
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('auth.invalid_token');
    });

    it('stores only a hash of the token', async () => {
      const { c } = ctx();
      const made = await c.admin.tokens.create({});
      const tokens = await c.admin.tokens.list();
      expect(JSON.stringify(tokens)).not.toContain(made.token.slice(4));
    });

    it('answers unknown admin routes and broken bodies in the admin error shape', async () => {
      const missing = await ctx().call('GET', '/nope');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('request.not_found');
      const res = await fetch(`${ctx().baseUrl}/admin/v1/companies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx().token}`, 'content-type': 'application/json' },
        body: '{"name":',
      });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('request.malformed');
      const form = await fetch(`${ctx().baseUrl}/admin/v1/companies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx().token}`, 'content-type': 'text/plain' },
        body: 'name=x',
      });
      expect(form.status).toBe(415);
    });
  });
}
