import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankEmployee, type Employee } from '../../src/domain/employee.js';
import { newCompanyId, newOpaqueId } from '../../src/domain/ids.js';
import { ConflictError } from '../../src/domain/ports.js';
import { createDataCipher } from '../../src/storage/crypto/data-cipher.js';
import { openDatabase } from '../../src/storage/sql/dialects.js';
import { migrateToLatest } from '../../src/storage/sql/migrate.js';
import { createSqlStore, type SqlStore } from '../../src/storage/sql/store.js';

/**
 * SQLite group commit: transactions that arrive together share one COMMIT, each in its own savepoint.
 * What callers rely on: a failing unit fails alone and leaves nothing, the others are committed, and
 * no unit's promise settles before its commit is visible to another connection.
 */
describe('group commit on SQLite', () => {
  let store: SqlStore;
  let dataDir: string;
  let reader: SQLite.Database;
  const company = newCompanyId();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'roster-group-'));
    const opened = await openDatabase({ dataDir, durability: 'process' });
    await migrateToLatest(opened.db);
    store = createSqlStore(opened.db, createDataCipher(Buffer.alloc(32, 7)), { groupCommit: { maxMs: 60_000 } }); // no time bound: the grouping under test is deterministic
    await store.repos.tenants.insertCompany({ companyId: company, companyName: 'g', mainPk: '1', mainIdentityId: null, mainEmployeeId: null, kind: 'enterprise', parentCompanyId: null, enterpriseCode: null, employeeCount: 0, createdAt: 1 });
    reader = new SQLite(join(dataDir, 'roster.sqlite'), { readonly: true });
  });
  afterAll(async () => {
    reader.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const committedIds = (): string[] =>
    (reader.prepare('select employee_id from employees where company_id = ?').all(company) as { employee_id: string }[]).map((r) => r.employee_id);

  function add(fields: Partial<Employee>, pause?: () => Promise<void>): { id: string; done: Promise<Employee> } {
    const id = newOpaqueId();
    const done = store.transaction(async (repos) => {
      const seq = await repos.tenants.nextEmployeeSeq(company);
      await pause?.();
      const e = blankEmployee({ companyId: company, employeeId: id, seq, identityId: newOpaqueId(), accountId: newOpaqueId(), name: 'n', createdAt: Date.now(), ...fields });
      await repos.employees(company).insert(e, null);
      return e;
    });
    return { id, done };
  }

  it('commits the units of one group once; a unique conflict fails only its own unit and leaves nothing', async () => {
    const before = { ...store.stats };
    const units = [
      add({ phoneE164: '+8613800000001' }),
      add({ phoneE164: '+8613800000002' }),
      add({ phoneE164: '+8613800000001' }), // conflicts with the first unit of the same group
      add({ phoneE164: '+8613800000003' }),
    ];
    const settled = await Promise.allSettled(units.map((u) => u.done));

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(store.stats.transactions - before.transactions).toBe(4);
    expect(store.stats.commits - before.commits).toBe(1);
    const ids = committedIds();
    expect(ids).toEqual(expect.arrayContaining([units[0]!.id, units[1]!.id, units[3]!.id]));
    expect(ids).not.toContain(units[2]!.id);
    // The failed unit's seq was given back with its savepoint: the committed ones are dense.
    const company_ = await store.repos.tenants.getCompany(company);
    expect(company_?.employeeCount).toBe(3);
    const seqs = settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<Employee>).value.seq);
    expect(seqs.sort()).toEqual([1, 2, 3]);
  });

  it('runs units one after another even when their work waits on timers, and settles each after the commit', async () => {
    const events: string[] = [];
    const slow = (name: string) => async () => {
      events.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`${name}:end`);
    };
    const a = add({ phoneE164: '+8613800000011' }, slow('a'));
    const b = add({ phoneE164: '+8613800000012' }, slow('b'));
    const visibleWhenSettled = await Promise.all(
      [a, b].map((u) => u.done.then(() => committedIds().includes(u.id))),
    );
    expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
    expect(visibleWhenSettled).toEqual([true, true]);
  });

  it('a unit that throws after writing leaves nothing and the store goes on', async () => {
    const id = newOpaqueId();
    const failed = store.transaction(async (repos) => {
      const seq = await repos.tenants.nextEmployeeSeq(company);
      await repos.employees(company).insert(blankEmployee({ companyId: company, employeeId: id, seq, identityId: newOpaqueId(), accountId: newOpaqueId(), name: 'x', createdAt: 1 }), null);
      throw new Error('refused after the insert');
    });
    const next = add({ phoneE164: '+8613800000021' });
    await expect(failed).rejects.toThrow('refused after the insert');
    await next.done;
    expect(committedIds()).not.toContain(id);
    expect(committedIds()).toContain(next.id);
  });

  it('groups the nonce writes of concurrent signed requests, and a nonce sent twice in one group is accepted once', async () => {
    const before = { ...store.stats };
    const expires = Date.now() + 60_000;
    const results = await Promise.all(
      ['n1', 'n2', 'n1', 'n3'].map((nonce) => store.repos.credentials.rememberNonce('12345678', nonce, expires, Date.now())),
    );
    expect(results).toEqual([true, true, false, true]);
    expect(store.stats.commits - before.commits).toBe(1);
    expect(reader.prepare("select count(*) as n from nonces where app_key = '12345678'").get()).toEqual({ n: 3 });
  });

  // Nonce writes run without a savepoint (one statement undoes itself): a failing one still fails alone.
  it('a nonce write the database refuses fails alone: the units before and after it in its group commit', async () => {
    const before = { ...store.stats };
    const expires = Date.now() + 60_000;
    const first = add({ phoneE164: '+8613800000041' });
    const refused = store.repos.credentials.rememberNonce(null as unknown as string, 'nx', expires, Date.now()); // app_key NOT NULL
    const fresh = store.repos.credentials.rememberNonce('12345678', 'n-after', expires, Date.now());
    const last = add({ phoneE164: '+8613800000042' });
    await expect(refused).rejects.toThrow(/NOT NULL/);
    expect(await fresh).toBe(true);
    await Promise.all([first.done, last.done]);
    expect(store.stats.commits - before.commits).toBe(1);
    expect(committedIds()).toEqual(expect.arrayContaining([first.id, last.id]));
    expect(reader.prepare("select count(*) as n from nonces where nonce in ('nx', 'n-after')").get()).toEqual({ n: 1 });
  });

  it('a read through the store never sees a group still open: it answers after the COMMIT, with the row', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const pending = add({ phoneE164: '+8613800000031' }, async () => {
      inside();
      await gate;
    });
    await entered;
    // The group is open (BEGIN run, this unit's seq taken): a read of the company now must wait.
    let answered = false;
    const read = store.repos.tenants.getCompany(company).then((c) => ((answered = true), c));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    release();
    const created = await pending.done;
    expect((await read)?.employeeCount).toBe(created.seq);
    // With no group open, reads answer from committed data at once.
    expect((await store.repos.employees(company).getById(pending.id))?.phoneE164).toBe('+8613800000031');
  });
});
