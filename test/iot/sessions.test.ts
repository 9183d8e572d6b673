/**
 * IoT user sessions through the real `aliyun-api-gateway` client on SQLite and PostgreSQL:
 * session/createbyauthcode, authidentity, checkOrRefreshSession, account/get by iotToken, reuse
 * detection with its grace, one live session per identity and app, revocation and races.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REFRESH_REUSE_GRACE_SEC } from '../../src/app/session.service.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { gw, outcome, SEED } from '../oa/gateway.js';
import { hostedApp, issueCode, newCompany, oaProfile } from './support.js';

interface SessionData {
  identityId: string;
  iotToken: string;
  iotTokenExpire: number;
  refreshToken: string;
  refreshTokenExpire: number;
}

const SESSION_KEYS = ['identityId', 'iotToken', 'iotTokenExpire', 'refreshToken', 'refreshTokenExpire'];
const AUTH_IDENTITY_KEYS = ['companyId', 'companyName', 'identityId', 'loginName', 'nickName', 'phone', 'email', 'avatarUrl', 'extraInfo', 'tenantId', 'tenantPk'];

for (const db of testDatabases()) {
  describe(`IoT user sessions (${db.name})`, () => {
    let offsetMs = 0;
    const ctx = useRoster(db, { now: () => Date.now() + offsetMs });

    async function signedIn(opts: { sessions?: number } = {}) {
      const { company } = await newCompany(ctx);
      const app = await ctx().c.directory.createApp({ companyId: company.companyId, rateLimit: 0, maxSessions: opts.sessions });
      const profile = oaProfile();
      const open = async () => {
        const res = await gw<SessionData>(ctx, app, 'session', { authCode: await issueCode(ctx, company.companyId, profile, 'SESSION_ID'), codeType: 'SESSION_ID' });
        expect(res.code).toBe(200);
        return res.data;
      };
      return { company, app, profile, open };
    }

    it('session/createbyauthcode answers a pair shaped like the platform\'s, with the default lifetimes', async () => {
      const { company, app, profile } = await signedIn();
      const res = await gw<SessionData>(ctx, app, 'session', { authCode: await issueCode(ctx, company.companyId, profile), codeType: 'AUTH_CODE' });
      expect(res).toMatchObject({ code: 200, message: null, localizedMsg: null });
      expect(Object.keys(res.data)).toEqual(SESSION_KEYS);
      expect(res.data).toEqual({
        identityId: expect.stringMatching(/^[a-z0-9]{40}$/),
        iotToken: expect.stringMatching(/^[0-9a-f]{32}$/),
        iotTokenExpire: 72000,
        refreshToken: expect.stringMatching(/^[0-9A-F]{32}$/),
        refreshTokenExpire: 720000,
      });
      // The employee is the one createbyauthcode would have made; the tokens are stored only as hashes.
      const created = await gw(ctx, app, 'create', { authCode: await issueCode(ctx, company.companyId, profile), codeType: 'AUTH_CODE' });
      const employee = await ctx().c.store.repos.employees(company.companyId).getById((created.data as { employeeId: string }).employeeId);
      expect(employee!.identityId).toBe(res.data.identityId);
      expect(await ctx().c.store.repos.sessions.findByIotToken(res.data.iotToken, Date.now())).toBeUndefined();
      const hash = createHash('sha256').update(res.data.iotToken).digest('hex');
      expect(await ctx().c.store.repos.sessions.findByIotToken(hash, Date.now())).toMatchObject({ identityId: res.data.identityId });
    });

    it('session/createbyauthcode fails like createbyauthcode: 2459 for a bad code, 460 for a bad codeType', async () => {
      const { app } = await signedIn();
      expect(outcome(await gw(ctx, app, 'session', { authCode: 'nope', codeType: 'AUTH_CODE' }))).toEqual(SEED.codeInvalid);
      expect((await gw(ctx, app, 'session', { authCode: 'nope', codeType: 'PASSWORD' })).code).toBe(460);
    });

    it('authidentity names the user of request.iotToken (or params.iotToken); unknown and foreign tokens get 2402', async () => {
      const { company, app, profile, open } = await signedIn();
      const s = await open();
      const res = await gw(ctx, app, 'authIdentity', {}, { iotToken: s.iotToken });
      expect(res.code).toBe(200);
      expect(Object.keys(res.data)).toEqual(AUTH_IDENTITY_KEYS);
      expect(res.data).toMatchObject({
        companyId: company.companyId,
        companyName: company.companyName,
        identityId: s.identityId,
        nickName: profile.name,
        phone: profile.phone,
        email: profile.email,
        avatarUrl: profile.avatarUrl,
        tenantId: company.companyId,
        tenantPk: company.mainPk,
      });
      expect((await gw(ctx, app, 'authIdentity', { iotToken: s.iotToken })).data).toEqual(res.data);
      expect((await gw(ctx, app, 'authIdentity', { iotToken: s.iotToken }, { iotToken: '' })).data).toEqual(res.data);
      expect(outcome(await gw(ctx, app, 'authIdentity', {}, { iotToken: '0'.repeat(32) }))).toEqual(SEED.tokenMissing);
      expect(outcome(await gw(ctx, app, 'authIdentity', {}))).toEqual(SEED.tokenMissing);
      const other = await hostedApp(ctx, company.companyId);
      expect(outcome(await gw(ctx, other, 'authIdentity', {}, { iotToken: s.iotToken }))).toEqual(SEED.tokenMissing);
    });

    it('account/get with an iotToken and no employeeId answers the user\'s own account; a bad token 2402', async () => {
      const { app, profile, open } = await signedIn();
      const s = await open();
      const res = await gw(ctx, app, 'get', {}, { iotToken: s.iotToken });
      expect(res).toMatchObject({ code: 200, data: { auid: s.identityId, nickName: profile.name, main: false } });
      expect(outcome(await gw(ctx, app, 'get', {}, { iotToken: 'f'.repeat(32) }))).toEqual(SEED.tokenMissing);
      expect((await gw(ctx, app, 'get', {})).data).toMatchObject({ main: true });
      expect((await gw(ctx, app, 'get', {}, { iotToken: '' })).data).toMatchObject({ main: true });
    });

    it('checkOrRefreshSession trades the refresh token for a new pair and kills the old one', async () => {
      const { app, open } = await signedIn();
      const s = await open();
      const res = await gw<SessionData>(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: s.refreshToken });
      expect(res.code).toBe(200);
      expect(Object.keys(res.data)).toEqual(SESSION_KEYS);
      expect(res.data.identityId).toBe(s.identityId);
      expect(res.data.iotToken).not.toBe(s.iotToken);
      expect((await gw(ctx, app, 'authIdentity', {}, { iotToken: res.data.iotToken })).code).toBe(200);
      expect(outcome(await gw(ctx, app, 'authIdentity', {}, { iotToken: s.iotToken }))).toEqual(SEED.tokenMissing);
      expect(outcome(await gw(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: s.refreshToken }))).toEqual(SEED.refreshInvalid);
      expect(outcome(await gw(ctx, app, 'refresh', { identityId: 'someone-else', refreshToken: res.data.refreshToken }))).toEqual(SEED.refreshInvalid);
      expect(outcome(await gw(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: 'A'.repeat(32) }))).toEqual(SEED.refreshInvalid);
      const other = await hostedApp(ctx, (await ctx().c.store.repos.sessions.findByIotToken(createHash('sha256').update(res.data.iotToken).digest('hex'), Date.now()))!.companyId);
      expect(outcome(await gw(ctx, other, 'refresh', { identityId: s.identityId, refreshToken: res.data.refreshToken }))).toEqual(SEED.refreshInvalid);
      // Neither the wrong identity nor the other app spent the token.
      expect((await gw(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: res.data.refreshToken })).code).toBe(200);
    });

    it('10 concurrent refreshes of one token: exactly one new pair, and the session survives', async () => {
      const { app, open } = await signedIn();
      const s = await open();
      const results = await Promise.all(Array.from({ length: 10 }, () => gw<SessionData>(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: s.refreshToken })));
      const ok = results.filter((r) => r.code === 200);
      expect(ok).toHaveLength(1);
      for (const r of results) if (r.code !== 200) expect(outcome(r)).toEqual(SEED.refreshInvalid);
      expect((await gw(ctx, app, 'authIdentity', {}, { iotToken: ok[0]!.data.iotToken })).code).toBe(200);
    });

    it(`a used refresh token presented again after the ${REFRESH_REUSE_GRACE_SEC} s grace revokes the whole session`, async () => {
      const { app, open } = await signedIn();
      const s = await open();
      const next = (await gw<SessionData>(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: s.refreshToken })).data;
      // Within the grace: refused, the new pair lives on (a client retrying a lost answer).
      expect(outcome(await gw(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: s.refreshToken }))).toEqual(SEED.refreshInvalid);
      expect((await gw(ctx, app, 'authIdentity', {}, { iotToken: next.iotToken })).code).toBe(200);
      offsetMs += (REFRESH_REUSE_GRACE_SEC + 1) * 1000;
      try {
        expect(outcome(await gw(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: s.refreshToken }))).toEqual(SEED.refreshInvalid);
        expect(outcome(await gw(ctx, app, 'authIdentity', {}, { iotToken: next.iotToken }))).toEqual(SEED.tokenMissing);
        expect(outcome(await gw(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: next.refreshToken }))).toEqual(SEED.refreshInvalid);
      } finally {
        offsetMs = 0;
      }
    });

    it('a new sign-in ends the older session of the identity in the app, unless the app allows several', async () => {
      const single = await signedIn();
      const first = await single.open();
      const second = await single.open();
      expect(second.identityId).toBe(first.identityId);
      expect(outcome(await gw(ctx, single.app, 'authIdentity', {}, { iotToken: first.iotToken }))).toEqual(SEED.tokenMissing);
      expect((await gw(ctx, single.app, 'authIdentity', {}, { iotToken: second.iotToken })).code).toBe(200);

      const multi = await signedIn({ sessions: 2 });
      const [a, b, c] = [await multi.open(), await multi.open(), await multi.open()];
      expect(outcome(await gw(ctx, multi.app, 'authIdentity', {}, { iotToken: a.iotToken }))).toEqual(SEED.tokenMissing);
      expect((await gw(ctx, multi.app, 'authIdentity', {}, { iotToken: b.iotToken })).code).toBe(200);
      expect((await gw(ctx, multi.app, 'authIdentity', {}, { iotToken: c.iotToken })).code).toBe(200);
    });

    it('10 simultaneous sign-ins of one user: exactly one session stays live (two with --sessions 2)', async () => {
      for (const sessions of [1, 2]) {
        const { app, open } = await signedIn({ sessions });
        await open();
        const opened = await Promise.all(Array.from({ length: 10 }, () => open()));
        const live = [];
        for (const s of opened) if ((await gw(ctx, app, 'authIdentity', {}, { iotToken: s.iotToken })).code === 200) live.push(s);
        expect(live).toHaveLength(sessions);
      }
    });

    it('revoking the employee (roster session revoke) and resigning it end its sessions', async () => {
      const { company, app, profile, open } = await signedIn();
      const s = await open();
      const employee = (await ctx().c.store.repos.employees(company.companyId).pageAfter(0, 100)).find((e) => e.identityId === s.identityId)!;
      expect(await ctx().c.sessions.revokeEmployee(employee.employeeId)).toBe(1);
      expect(outcome(await gw(ctx, app, 'authIdentity', {}, { iotToken: s.iotToken }))).toEqual(SEED.tokenMissing);
      expect(outcome(await gw(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: s.refreshToken }))).toEqual(SEED.refreshInvalid);

      const again = await open();
      await ctx().c.store.repos.employees(company.companyId).update(employee.employeeId, { resignAt: Date.now() - 1 });
      expect(outcome(await gw(ctx, app, 'authIdentity', {}, { iotToken: again.iotToken }))).toEqual(SEED.tokenMissing);
      // Signing in again while resigned opens nothing: the seed's "deleted" answer.
      const refused = await gw(ctx, app, 'session', { authCode: await issueCode(ctx, company.companyId, profile, 'SESSION_ID'), codeType: 'SESSION_ID' });
      expect(outcome(refused)).toEqual({ code: 107313, message: 'the user is not exist', localizedMsg: '人员不存在或已删除' });
    });

    it('revoking an app\'s tokens in the admin API ends every session it opened, and no other app\'s', async () => {
      const { company, app, profile, open } = await signedIn();
      const first = await open();
      const other = await ctx().c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
      const elsewhere = await gw<SessionData>(ctx, other, 'session', { authCode: await issueCode(ctx, company.companyId, profile, 'SESSION_ID'), codeType: 'SESSION_ID' });
      const operator = (await ctx().c.admin.tokens.create({ name: 'revoker' })).token;
      const revoke = () => fetch(`${ctx().baseUrl}/admin/v1/apps/${app.appKey}/revoke-tokens`, { method: 'POST', headers: { authorization: `Bearer ${operator}` } }).then((r) => r.json());
      expect(await revoke()).toEqual({ revoked: 0, revokedSessions: 1 });
      expect(outcome(await gw(ctx, app, 'authIdentity', {}, { iotToken: first.iotToken }))).toEqual(SEED.tokenMissing);
      expect(outcome(await gw(ctx, app, 'refresh', { identityId: first.identityId, refreshToken: first.refreshToken }))).toEqual(SEED.refreshInvalid);
      expect((await gw(ctx, other, 'authIdentity', {}, { iotToken: elsewhere.data.iotToken })).code).toBe(200);
      expect(await revoke()).toEqual({ revoked: 0, revokedSessions: 0 });
      // Signing in again opens a new session.
      expect((await gw(ctx, app, 'authIdentity', {}, { iotToken: (await open()).iotToken })).code).toBe(200);
    });

    it('/employee/resign ends the sessions for good: a restore does not bring them back', async () => {
      const { app, profile, open } = await signedIn();
      const s = await open();
      await ctx().c.benefitsEmployees.resign(app, undefined, profile.oaUserId, undefined);
      await ctx().c.benefitsEmployees.restore(app, undefined, profile.oaUserId);
      expect(outcome(await gw(ctx, app, 'authIdentity', {}, { iotToken: s.iotToken }))).toEqual(SEED.tokenMissing);
      expect(outcome(await gw(ctx, app, 'refresh', { identityId: s.identityId, refreshToken: s.refreshToken }))).toEqual(SEED.refreshInvalid);
      expect((await gw(ctx, app, 'authIdentity', {}, { iotToken: (await open()).iotToken })).code).toBe(200);
    });

    describe('with short lifetimes', () => {
      const short = useRoster(db, { now: () => Date.now() + offsetMs, config: { iotTokenTtlSec: 60, refreshTokenTtlSec: 120 } });
      it('expired tokens are refused: iotToken after ROSTER_IOT_TOKEN_TTL (2402), refreshToken after ROSTER_REFRESH_TOKEN_TTL (2401)', async () => {
        const { company } = await newCompany(short);
        const app = await hostedApp(short, company.companyId);
        const first = await gw<SessionData>(short, app, 'session', { authCode: await issueCode(short, company.companyId), codeType: 'AUTH_CODE' });
        expect(first.data).toMatchObject({ iotTokenExpire: 60, refreshTokenExpire: 120 });
        const s = first.data;
        offsetMs = 61 * 1000;
        try {
          expect(outcome(await gw(short, app, 'authIdentity', {}, { iotToken: s.iotToken }))).toEqual(SEED.tokenMissing);
          const renewed = await gw<SessionData>(short, app, 'refresh', { identityId: s.identityId, refreshToken: s.refreshToken });
          expect(renewed.code).toBe(200);
          offsetMs = 61 * 1000 + 121 * 1000;
          expect(outcome(await gw(short, app, 'refresh', { identityId: s.identityId, refreshToken: renewed.data.refreshToken }))).toEqual(SEED.refreshInvalid);
          // Expired pairs and their sessions are swept; nothing live goes with them.
          const live = await gw<SessionData>(short, app, 'session', { authCode: await issueCode(short, company.companyId, undefined, 'AUTH_CODE', Date.now() + offsetMs), codeType: 'AUTH_CODE' });
          expect(await short().c.store.repos.sessions.sweepExpired(Date.now() + offsetMs)).toBeGreaterThanOrEqual(3);
          expect((await gw(short, app, 'authIdentity', {}, { iotToken: live.data.iotToken })).code).toBe(200);
        } finally {
          offsetMs = 0;
        }
      });
    });
  });
}
