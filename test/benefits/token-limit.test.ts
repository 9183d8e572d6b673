/**
 * Issue 6 item 5: `/token/create` gives one app at most 60 tokens an hour, as the platform documents
 * (1000200052 `frequency over limit!`); the budget lives in the store, so a restart or a second
 * process on the same store does not reset it, and concurrent calls cannot pass it. An app's expired
 * tokens are swept when it gets a new one, so the table stays bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';
import { buildServer } from '../../src/edge/http/server.js';
import { openDatabase, type OpenedDatabase } from '../../src/storage/sql/dialects.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { docsBody, type DocsApp } from './support/docs-style.js';
import { epochSeconds, post, type WireReply } from './support/wire.js';
import { newEnterprise } from './support/world.js';

const HOUR = 3_600_000;
const OVER_LIMIT = { code: 1000200052, msg: 'frequency over limit!', data: null };

for (const db of testDatabases()) {
  describe(`token issuance limit (${db.name})`, () => {
    let clock = Date.now();
    const ctx = useRoster(db, { now: () => clock });
    let raw: OpenedDatabase;

    const create = (baseUrl: string, app: DocsApp): Promise<WireReply> =>
      post(`${baseUrl}/token/create`, docsBody({ appid: app.appKey, grant_type: 'client_credential', timestamp: epochSeconds(clock) }, app.appSecret));
    const storedTokens = async (appKey: string) =>
      Number((await raw.db.selectFrom('access_tokens').select((eb) => eb.fn.countAll<number>().as('n')).where('app_key', '=', appKey).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      raw = await openDatabase({ dataDir: ctx().dataDir, databaseUrl: ctx().databaseUrl, durability: 'process' });
    });
    afterAll(async () => {
      await raw?.db.destroy();
    });

    it('gives 60 tokens an hour, then 1000200052; tokens already given stay valid; another app is not affected', async () => {
      const { app } = await newEnterprise(ctx().c, ctx().baseUrl);
      const tokens: string[] = [];
      for (let i = 0; i < 60; i++) {
        const reply = await create(ctx().baseUrl, app);
        expect(reply.body.code).toBe(0);
        tokens.push((reply.body.data as { access_token: string }).access_token);
      }
      expect((await create(ctx().baseUrl, app)).body).toEqual(OVER_LIMIT);
      expect(await ctx().c.tokens.resolve(tokens[59]!)).toBe(app.appKey);
      const other = await newEnterprise(ctx().c, ctx().baseUrl);
      expect((await create(ctx().baseUrl, other.app)).body.code).toBe(0);
      // A new hour, a new budget.
      clock += HOUR + 1000;
      expect((await create(ctx().baseUrl, app)).body.code).toBe(0);
    });

    it('80 concurrent calls get exactly 60 tokens', async () => {
      const { app } = await newEnterprise(ctx().c, ctx().baseUrl);
      const replies = await Promise.all(Array.from({ length: 80 }, () => create(ctx().baseUrl, app)));
      expect(replies.filter((r) => r.body.code === 0)).toHaveLength(60);
      for (const r of replies) if (r.body.code !== 0) expect(r.body).toEqual(OVER_LIMIT);
    });

    it('holds across a restart and for a second process on the same store', async () => {
      const { app } = await newEnterprise(ctx().c, ctx().baseUrl);
      for (let i = 0; i < 59; i++) expect((await create(ctx().baseUrl, app)).body.code).toBe(0);
      // A second Roster on the same store (what a restart or another process sees).
      const config = loadConfig({}, { dataDir: ctx().dataDir, databaseUrl: ctx().databaseUrl, logLevel: 'silent', defaultRateLimit: 0, port: 0 });
      const second = await buildContainer(config, { now: () => clock });
      const server = await buildServer(second);
      try {
        const baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
        expect((await create(baseUrl, app)).body.code).toBe(0);
        expect((await create(baseUrl, app)).body).toEqual(OVER_LIMIT);
        expect((await create(ctx().baseUrl, app)).body).toEqual(OVER_LIMIT);
      } finally {
        await server.close();
        await second.close();
      }
    });

    it("sweeps the app's expired tokens when it gets a new one", async () => {
      const { app } = await newEnterprise(ctx().c, ctx().baseUrl);
      for (let i = 0; i < 5; i++) expect((await create(ctx().baseUrl, app)).body.code).toBe(0);
      expect(await storedTokens(app.appKey)).toBe(5);
      clock += 2 * HOUR;
      expect((await create(ctx().baseUrl, app)).body.code).toBe(0);
      expect(await storedTokens(app.appKey)).toBe(1);
    });
  });
}
