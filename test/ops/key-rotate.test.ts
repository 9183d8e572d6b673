import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { expectOk, iotCaller, newCompany } from '../iot/support.js';
import { built, roster } from './support.js';

for (const db of testDatabases()) {
  describe.skipIf(!built)(`roster key rotate while serving (${db.name})`, () => {
    const ctx = useRoster(db);
    const iot = iotCaller(ctx);
    const env = () => ({ ROSTER_DATA_DIR: ctx().dataDir, ...(ctx().databaseUrl ? { DATABASE_URL: ctx().databaseUrl! } : {}) });
    const cli = async (...args: string[]) => {
      const run = await roster([...args, '--json'], env());
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as Record<string, unknown>;
    };

    it('re-seals every secret and identity number under a new key; the running server keeps answering', async () => {
      const { c } = ctx();
      const { company } = await newCompany(ctx);
      await c.store.repos.employees(company.companyId).update(company.mainEmployeeId!, { cardType: 1, cardNo: '110101199003070919' });
      const usedApp = await c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
      const freshApp = await c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
      expectOk((await iot.call(usedApp, 'get', {})).res, expect.any(String) as never);
      const oldKey = readFileSync(join(ctx().dataDir, 'data.key'), 'utf8').trim();
      // A stored import file holds identity numbers too: it is re-sealed with the rest.
      const operator = { tokenId: 't', name: 't', companyId: null, createdAt: 0, lastUsedAt: null, revokedAt: null };
      const csv = Buffer.from('userid,name,mobile,card_no\nk1,K,13900139555,110101199003070919\n');
      const stored = await c.admin.imports.start(operator, company.companyId, { body: Readable.from([csv]), format: 'csv', fileName: null, dryRun: true });

      // Signed calls go on while the rotation runs in another process.
      let calling = true;
      let failures = 0;
      let calls = 0;
      const caller = (async () => {
        while (calling) {
          const { res } = await iot.call(usedApp, 'get', {});
          calls += 1;
          if (res.status !== 200 || (JSON.parse(res.text) as { code: number }).code !== 200) failures += 1;
        }
      })();
      const rotated = await cli('key', 'rotate');
      calling = false;
      await caller;
      expect(calls).toBeGreaterThan(0);
      expect(failures).toBe(0);
      expect(rotated.activeKeyId).not.toBe(rotated.previousKeyId);
      expect(rotated.remaining).toEqual({ appSecrets: 0, idNumbers: 0, importFileChunks: 0 });
      expect((rotated.resealed as { appSecrets: number }).appSecrets).toBeGreaterThanOrEqual(2);
      expect((rotated.resealed as { importFileChunks: number }).importFileChunks).toBe(1);
      expect(readFileSync(join(ctx().dataDir, 'data.key'), 'utf8').trim()).not.toBe(oldKey);
      expect(readFileSync(join(ctx().dataDir, 'data.keys.retired'), 'utf8')).toContain(oldKey);

      // The running process reads values sealed under the key it has not loaded yet …
      const fresh = await iot.call(freshApp, 'get', {});
      expectOk(fresh.res, fresh.id);
      expect((await c.store.repos.employees(company.companyId).getById(company.mainEmployeeId!))?.cardNo).toBe('110101199003070919');
      // … and seals its next write under the new key.
      await c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
      const status = await cli('key', 'status');
      expect(status.activeKeyId).toBe(rotated.activeKeyId);
      expect(status.keyIds).toEqual([rotated.activeKeyId, rotated.previousKeyId]);
      expect(status.underOlderKeys).toEqual({ appSecrets: 0, idNumbers: 0, importFileChunks: 0 });

      // Nothing needs the old key any more: prune forgets it, and every value still opens.
      expect(await cli('key', 'prune')).toMatchObject({ prunedKeys: 1 });
      expect((await cli('key', 'status')).keyIds).toEqual([rotated.activeKeyId]);
      expect((await c.store.repos.employees(company.companyId).getById(company.mainEmployeeId!))?.cardNo).toBe('110101199003070919');
      expectOk((await iot.call(freshApp, 'get', {})).res, expect.any(String) as never);
      const pieces: Buffer[] = [];
      for await (const piece of c.store.repos.imports.readFile(stored.importId)) pieces.push(piece);
      expect(Buffer.concat(pieces).equals(csv)).toBe(true);
    });

    it('refuses to rotate a key given by ROSTER_DATA_KEY and says how to do it', async () => {
      const run = await roster(['key', 'rotate'], { ...env(), ROSTER_DATA_KEY: 'a'.repeat(64) });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('ROSTER_DATA_KEYS_RETIRED');
    });
  });
}
