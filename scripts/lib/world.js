// The tenants a fuzz or chaos run works in, prepared through Roster's own container (dist/) before the
// server starts, as `roster company create` / `app create` / `oa code` would: two initialized
// companies with a hosted app each, a shared app installed in both, the benefits setup, one seeded
// employee, and single-use OA codes issued in advance (far-future expiry, so a long run can use them).
const DIST = new URL('../../dist/', import.meta.url);

/** Department, level and categories every company gets (the valid values the generators use). */
export const SETUP = { deptCode: 'FZ01', deptName: '模糊部', level: 'L1', categories: ['A组', 'B组'] };

/** A mainland mobile `1{prefix}{8 digits}` unique for `n` < 1e8. */
export const mobileOf = (prefix, n) => `1${prefix}${String(n).padStart(8, '0')}`;

/**
 * Opens the store, creates the tenants and `codesPerCompany` OA codes per company (profile of code i:
 * phone `mobileOf(codePrefix, i)` …, or the conflict profiles of issue #6 item 21), and closes it.
 * `profileFor(profile, i)` may answer `{ profile, tag }` to use an odd one instead (hostile values, as
 * an OA may hold them). Resolves a plain, serializable world.
 */
export async function prepareWorld({ dataDir, databaseUrl, codesPerCompany, codePrefix = '37', profileFor, tokenTtlSec }) {
  const { buildContainer } = await import(new URL('container.js', DIST).href);
  const { loadConfig } = await import(new URL('config/load.js', DIST).href);
  const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent', defaultRateLimit: 0, tokenTtlSec }));
  try {
    const shared = await c.directory.createApp({ name: 'fuzz-shared', rateLimit: 0 });
    const companies = [];
    for (const [index, tag] of ['a', 'b'].entries()) {
      const main = { phone: mobileOf('36', index), name: `主账号${tag}`, email: `main-${tag}@fuzz.example` };
      const company = await c.directory.createCompany({ name: `模糊测试${tag}有限公司`, main });
      const app = await c.directory.createApp({ companyId: company.companyId, name: `fuzz-${tag}`, rateLimit: 0 });
      const sharedAppId = await c.directory.installApp(shared.appKey, company.companyId);
      await c.departments.add(company.companyId, { deptCode: SETUP.deptCode, name: SETUP.deptName });
      await c.directory.addSettings(company.companyId, 'levels', [SETUP.level]);
      await c.directory.addSettings(company.companyId, 'categories', SETUP.categories);
      // One employee made the benefits way, whose phone and email the conflict codes reuse.
      const seeded = { userid: `seed-${tag}`, name: `种子${tag}`, mobile: mobileOf('35', index), email: `seed-${tag}@fuzz.example` };
      const seededEmployee = await c.benefitsEmployees.add(app, undefined, seeded.userid, { name: seeded.name, mobile: seeded.mobile, email: seeded.email });
      companies.push({
        tag,
        companyId: company.companyId,
        mainEmployeeId: company.mainEmployeeId,
        main,
        seeded: { ...seeded, employeeId: seededEmployee.employeeId },
        app: { appKey: app.appKey, appSecret: app.appSecret, signType: app.signType },
        sharedAppId,
        codes: [],
        conflictCodes: [],
      });
    }
    const expiresFrom = Date.now() + 12 * 3600_000; // issued "in the future": valid for the whole run
    for (const [ci, company] of companies.entries()) {
      const issue = (profile, type = 'AUTH_CODE') => c.oa.issueCode(c.store.repos, company.companyId, profile, type, expiresFrom);
      for (let i = 0; i < codesPerCompany; i++) {
        const n = ci * 10_000_000 + i;
        const plain = {
          oaUserId: `oa-${company.tag}-${i}`,
          phone: mobileOf(codePrefix, n),
          name: `员工${company.tag}${i}`,
          email: `e${i}@${company.tag}.fuzz.example`,
          avatarUrl: null,
        };
        // An OA hands out whatever it holds: `profileFor` may replace a field with a hostile value.
        const odd = profileFor?.(plain, i);
        const profile = odd?.profile ?? plain;
        const type = i % 5 === 4 ? 'SESSION_ID' : 'AUTH_CODE';
        company.codes.push({ code: await issue(profile, type), type, profile, tag: odd?.tag });
      }
      // Issue #6 item 21: phone and email both someone else's → the phone conflict (2441) wins.
      for (let i = 0; i < 4; i++) {
        const profile = { oaUserId: `oa-conflict-${company.tag}-${i}`, phone: company.main.phone, name: '冲突', email: company.seeded.email, avatarUrl: null };
        company.conflictCodes.push({ code: await issue(profile), type: 'AUTH_CODE', profile });
      }
    }
    return { companies, shared: { appKey: shared.appKey, appSecret: shared.appSecret } };
  } finally {
    await c.close();
  }
}
