import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';
import { built, roster, serve } from './support.js';

const rowsOf = (file: string, table: string, order: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`select * from ${table} order by ${order}`).all().map((r) => JSON.stringify(r));
  } finally {
    db.close();
  }
};

describe.skipIf(!built)('roster backup / restore (embedded SQLite)', () => {
  const root = mkdtempSync(join(tmpdir(), 'roster-backup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('restores a backup taken under write load to a consistent snapshot of the source, secrets and all', async () => {
    const source = join(root, 'source');
    const c = await buildContainer(loadConfig({}, { dataDir: source, logLevel: 'silent' }));
    const created: Array<{ companyId: string; appKey: string; appSecret: string }> = [];
    let n = 0;
    const withCard = new Set<string>();
    // Under load only inserts, so every row the copy holds is still, byte for byte, in the source.
    const writeOne = async (card: boolean) => {
      n += 1;
      const company = await c.directory.createCompany({ name: `Co ${n}`, main: { phone: String(13000000000 + n), name: `Main ${n}` } });
      if (card) {
        await c.store.repos.employees(company.companyId).update(company.mainEmployeeId!, { cardType: 1, cardNo: `11010119900307${String(n).padStart(4, '0')}` });
        withCard.add(company.companyId);
      }
      const app = await c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
      created.push({ companyId: company.companyId, appKey: app.appKey, appSecret: app.appSecret });
    };
    try {
      for (let i = 0; i < 200; i++) await writeOne(true);
      let writing = true;
      const writer = (async () => {
        while (writing) {
          await writeOne(false);
          await new Promise((r) => setImmediate(r)); // let the child's output through
        }
      })();
      const before = created.length;
      const backup = await roster(['backup', '--to', join(root, 'copy.sqlite'), '--json'], { ROSTER_DATA_DIR: source });
      const after = created.length;
      writing = false;
      await writer;
      expect(backup.code, backup.stderr).toBe(0);
      expect(after).toBeGreaterThan(before); // the store was written while the copy was taken
      expect(statSync(join(root, 'copy.sqlite')).mode & 0o777).toBe(0o600);
      expect(statSync(join(root, 'copy.sqlite.key')).mode & 0o777).toBe(0o600);

      const target = join(root, 'restored');
      const restore = await roster(['restore', '--from', join(root, 'copy.sqlite'), '--json'], { ROSTER_DATA_DIR: target });
      expect(restore.code, restore.stderr).toBe(0);

      // Every restored row is the source's row, byte for byte, and the snapshot is transactionally whole.
      const restoredFile = join(target, 'roster.sqlite');
      const sourceFile = join(source, 'roster.sqlite');
      for (const [table, order] of [['companies', 'company_id'], ['apps', 'app_key'], ['employees', 'company_id, employee_id']] as const) {
        const sourceRows = new Set(rowsOf(sourceFile, table, order));
        const restoredRows = rowsOf(restoredFile, table, order);
        for (const row of restoredRows) expect(sourceRows.has(row), `${table} row not in source`).toBe(true);
      }
      const companies = rowsOf(restoredFile, 'companies', 'company_id').map((r) => JSON.parse(r) as { company_id: string; employee_count: number; main_employee_id: string });
      expect(companies.length).toBeGreaterThanOrEqual(before);
      expect(companies.length).toBeLessThanOrEqual(after);

      const r = await buildContainer(loadConfig({}, { dataDir: target, logLevel: 'silent' }));
      try {
        for (const company of companies) {
          const main = await r.store.repos.employees(company.company_id).getById(company.main_employee_id);
          // Identity numbers are sealed: they open with the restored keys.
          if (withCard.has(company.company_id)) expect(main?.cardNo).toMatch(/^11010119900307\d{4}$/);
          else expect(main).toBeDefined();
        }
        // Apps come after their company in the writer, so all but the last company have theirs.
        for (const { companyId, appKey, appSecret } of created.filter((x) => companies.some((co) => co.company_id === x.companyId)).slice(0, -1)) {
          expect((await r.store.repos.apps.getCredentials(appKey))?.appSecret, companyId).toBe(appSecret);
        }
      } finally {
        await r.close();
      }
    } finally {
      await c.close();
    }
  });

  it('refuses to restore while a server uses the store, and over an existing store without --force', async () => {
    const dir = join(root, 'busy');
    const server = await serve(['--no-demo'], { ROSTER_DATA_DIR: dir });
    let stopped = false;
    try {
      await roster(['company', 'create', '--name', 'Kept'], { ROSTER_DATA_DIR: dir });
      const before = readFileSync(join(dir, 'roster.sqlite'));
      const refused = await roster(['restore', '--from', join(root, 'copy.sqlite'), '--force'], { ROSTER_DATA_DIR: dir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`pid ${server.child.pid}`);
      expect(readFileSync(join(dir, 'roster.sqlite')).equals(before)).toBe(true);

      await server.stop();
      stopped = true;
      const noForce = await roster(['restore', '--from', join(root, 'copy.sqlite')], { ROSTER_DATA_DIR: dir });
      expect(noForce.code).toBe(1);
      expect(noForce.stderr).toContain('--force');
      const forced = await roster(['restore', '--from', join(root, 'copy.sqlite'), '--force', '--json'], { ROSTER_DATA_DIR: dir });
      expect(forced.code, forced.stderr).toBe(0);
      expect((JSON.parse(forced.stdout) as { kept: string[] }).kept.some((f) => f.includes('roster.sqlite.before-restore-'))).toBe(true);
    } finally {
      if (!stopped) await server.stop();
    }
  });

  it('refuses a backup whose secrets the given keys do not open, and leaves the folder untouched', async () => {
    const keyFile = join(root, 'wrong.key');
    writeFileSync(keyFile, `${'7'.repeat(64)}\n`);
    const dir = join(root, 'wrong-key');
    const refused = await roster(['restore', '--from', join(root, 'copy.sqlite'), '--key-from', keyFile], { ROSTER_DATA_DIR: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('keys do not open');
    expect(existsSync(join(dir, 'roster.sqlite'))).toBe(false);
  });

  it('refuses a file that is not a SQLite database, naming it', async () => {
    const junk = join(root, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just some bytes to look at'.repeat(200));
    const refused = await roster(['restore', '--from', junk, '--key-from', join(root, 'copy.sqlite.key')], { ROSTER_DATA_DIR: join(root, 'junk-target') });
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining(`${junk} is not a SQLite database`)]);
    expect(existsSync(join(root, 'junk-target', 'roster.sqlite'))).toBe(false);
  });

  it('sends PostgreSQL operators to pg_dump and pg_restore', async () => {
    const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ROSTER_DATA_DIR: join(root, 'pg') };
    const backup = await roster(['backup', '--to', join(root, 'pg.dump')], env);
    expect([backup.code, backup.stderr]).toEqual([1, expect.stringContaining('pg_dump')]);
    const restore = await roster(['restore', '--from', join(root, 'pg.dump')], env);
    expect([restore.code, restore.stderr]).toEqual([1, expect.stringContaining('pg_restore')]);
  });
});
