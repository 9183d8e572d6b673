/**
 * Issue 6 item 3: password hashing is scarce (scrypt, 32 MiB, ~60 ms of a core). A write bound to fail
 * never hashes, and the hashing queue is bounded and shared fairly by apps: a burst from one app is
 * refused past its share with 1000200052 while another app's password change still goes through.
 */
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/app/password.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { newEnterprise, seedExampleSetup, uniqueId, uniqueMobile } from './support/world.js';

const BUSY = { code: 1000200052, msg: 'frequency over limit!: password too many passwords are being set; retry shortly', data: null };

for (const db of testDatabases()) {
  describe(`password hashing (${db.name})`, () => {
    const ctx = useRoster(db);
    const hashed = () => ctx().c.passwords.stats().started;
    const withPassword = { allow_simple_pwd: 1, password: 'abc123' };

    it('never hashes for a write that is bound to fail, and hashes once for one that is not', async () => {
      const ent = await newEnterprise(ctx().c, ctx().baseUrl);
      await seedExampleSetup(ctx().c, ent.company.companyId);
      const taken = { userid: uniqueId(), name: '甲', mobile: uniqueMobile(), email: `${uniqueId()}@example.com`, code: uniqueId('W') };
      expect((await ent.sdk.call('/employee/add', taken)).body.code).toBe(0);
      const before = hashed();
      const refused: Array<[string, Record<string, unknown>, number]> = [
        ['/employee/update', { userid: 'nobody', ...withPassword }, 1000220096],
        ['/employee/update', { userid: taken.userid, dept_code: 'NOPE', ...withPassword }, 1000220010],
        ['/employee/add', { userid: taken.userid, name: '乙', mobile: uniqueMobile(), ...withPassword }, 1000220003],
        ['/employee/add', { userid: uniqueId(), name: '乙', mobile: taken.mobile, ...withPassword }, 1002218007],
        ['/employee/add', { userid: uniqueId(), name: '乙', mobile: uniqueMobile(), email: taken.email.toUpperCase(), ...withPassword }, 1002218004],
        ['/employee/add', { userid: uniqueId(), name: '乙', mobile: uniqueMobile(), code: taken.code, ...withPassword }, 1002219003],
        ['/employee/add', { userid: uniqueId(), name: '乙', mobile: uniqueMobile(), level: '不存在', ...withPassword }, 1000220030],
      ];
      for (const [path, request, code] of refused) expect({ path, code: (await ent.sdk.call(path, request)).body.code }).toEqual({ path, code });
      expect(hashed()).toBe(before);
      // Its own mobile and email again are no conflict.
      expect((await ent.sdk.call('/employee/update', { userid: taken.userid, mobile: taken.mobile, email: taken.email, ...withPassword })).body.code).toBe(0);
      expect(hashed()).toBe(before + 1);
      const employee = (await ctx().c.store.repos.employees(ent.company.companyId).getByUserid(taken.userid))!;
      expect(await verifyPassword('abc123', (await ctx().c.store.repos.employees(ent.company.companyId).getPasswordHash(employee.employeeId))!)).toBe(true);
    });
  });

  describe(`password hashing queue (${db.name})`, () => {
    // One hash at a time, one waiting place per app: what a burst meets on a small host, in miniature.
    const ctx = useRoster(db, { config: { passwordHashConcurrency: 1, passwordHashQueue: 1 } });

    it("refuses one app's burst past its share with 1000200052, and serves another app meanwhile", async () => {
      const flooding = await newEnterprise(ctx().c, ctx().baseUrl);
      const other = await newEnterprise(ctx().c, ctx().baseUrl);
      const userids: string[] = [];
      for (const ent of [flooding, other]) {
        const userid = uniqueId();
        expect((await ent.sdk.call('/employee/add', { userid, name: '员工', mobile: uniqueMobile() })).body.code).toBe(0);
        userids.push(userid);
      }
      // Tokens first, so the burst below is nothing but password updates.
      await flooding.sdk.accessToken();
      await other.sdk.accessToken();
      const burst = Array.from({ length: 8 }, (_, i) => flooding.sdk.call('/employee/update', { userid: userids[0], allow_simple_pwd: 1, password: `pass${i}word` }));
      const quiet = other.sdk.call('/employee/update', { userid: userids[1], allow_simple_pwd: 1, password: 'quiet123' });
      const replies = (await Promise.all(burst)).map((r) => r.body);
      expect(replies.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);
      const refused = replies.filter((r) => r.code !== 0);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const r of refused) expect(r).toEqual(BUSY);
      expect((await quiet).body.code).toBe(0);
      expect(ctx().c.passwords.stats()).toMatchObject({ running: 0, waiting: 0 });
    });
  });
}
