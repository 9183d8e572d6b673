// The admin API scenarios (/admin/v1 with the installation operator token made in prepareTenants), per
// engine and page size: the big company's employee list at page 1 and at the last cursor (with and
// without total=true), the same two one connection at a time against the admin issue's 10 ms p99 bound,
// and employee creates in the small company.
import { cnMobile } from './data.js';
import { httpCheck, sendOnce } from './load.js';
import { maxTarget, ratioTarget } from './report.js';

export const ADMIN_IDS = ['admin-list-p1', 'admin-list-deep', 'admin-list-p1-total', 'admin-list-deep-total', 'admin-list-keyword', 'admin-create'];

/** Runs the wanted admin scenarios on `roster`; skipped (recorded) when the build made no admin token. */
export async function runAdminScenarios({ wanted, scenario, record, roster, tenants, settings, id, tag, log }) {
  const ids = ADMIN_IDS.filter(wanted);
  // 1-connection ids put -1c before the size (`admin-list-p1-1c@10`): engineTargets holds every
  // `…-1c` row to the query bound of 5 ms, these go against the admin bound of 10 ms below.
  if (!ids.length) return;
  log(`${tag}Roster, admin API:`);
  if (!tenants.adminToken) {
    for (const a of ids) record({ id: id(a), label: `${tag}${a}`, skipped: true, reason: 'this build has no admin API' });
    return;
  }
  const auth = { authorization: `Bearer ${tenants.adminToken}` };
  const adminGet = (path) => () => ({ method: 'GET', path, headers: auth });
  for (const size of settings.pageSizes) {
    const listPath = `/admin/v1/companies/${tenants.big.companyId}/employees?limit=${size}`;
    // The cursor is opaque to clients; the bench builds the one the list gives before the last page
    // (base64url of [seq of the row before it]) to land there without walking a million rows.
    const deepCursor = Buffer.from(JSON.stringify([Math.max(0, settings.employees - size)])).toString('base64url');
    const deepPath = `${listPath}&cursor=${deepCursor}`;
    if (wanted('admin-list-deep') || wanted('admin-list-deep-total')) {
      // The cursor must land on the last page: exactly `size` rows and no next cursor.
      const res = await sendOnce(roster.baseUrl, adminGet(deepPath)());
      const page = res.status === 200 ? JSON.parse(res.body) : null;
      const ok = page && page.items.length === Math.min(size, settings.employees) && page.nextCursor === null;
      if (!ok) throw new Error(`the bench's last cursor (size ${size}) does not land on the last page: HTTP ${res.status} ${res.body.slice(0, 300)}`);
      log(`  check: the last cursor (size ${size}) answers the last ${page.items.length} rows, no next cursor`);
    }
    if (wanted('admin-list-p1')) await scenario(id(`admin-list-p1@${size}`), `${tag}admin employee list page 1 (size ${size})`, roster, adminGet(listPath), httpCheck);
    if (wanted('admin-list-deep')) await scenario(id(`admin-list-deep@${size}`), `${tag}admin employee list, last cursor (size ${size})`, roster, adminGet(deepPath), httpCheck);
    if (wanted('admin-list-p1-total')) await scenario(id(`admin-list-p1-total@${size}`), `${tag}admin employee list page 1 + total (size ${size}) [info]`, roster, adminGet(`${listPath}&total=true`), httpCheck);
    if (wanted('admin-list-deep-total')) await scenario(id(`admin-list-deep-total@${size}`), `${tag}admin employee list, last cursor + total (size ${size}) [info]`, roster, adminGet(`${deepPath}&total=true`), httpCheck);
    if (settings.latency) {
      const one = { connections: 1, duration: settings.latency, warmup: 1 };
      if (wanted('admin-list-p1')) await scenario(id(`admin-list-p1-1c@${size}`), `${tag}admin employee list page 1 (size ${size}), 1 connection [info]`, roster, adminGet(listPath), httpCheck, one);
      if (wanted('admin-list-deep')) await scenario(id(`admin-list-deep-1c@${size}`), `${tag}admin employee list, last cursor (size ${size}), 1 connection [info]`, roster, adminGet(deepPath), httpCheck, one);
    }
  }
  if (wanted('admin-list-keyword') && settings.latency) {
    // The keyword is the IoT search's indexed match (name trigram index, exact email): one connection, against the 10 ms bound.
    const one = { connections: 1, duration: settings.latency, warmup: 1 };
    const middle = Math.floor(settings.employees / 2);
    const base = `/admin/v1/companies/${tenants.big.companyId}/employees?limit=10&keyword=`;
    for (const [kind, keyword] of [['name', `工${middle}`], ['email', `m${middle}@million.bench.example`]]) {
      await scenario(id(`admin-list-keyword-1c@${kind}`), `${tag}admin employee list keyword (${kind}), 1 connection [info]`, roster, adminGet(base + encodeURIComponent(keyword)), httpCheck, one);
    }
  }
  if (wanted('admin-create')) {
    let n = 0;
    const adminCreate = () => {
      const i = n++;
      return {
        method: 'POST',
        path: `/admin/v1/companies/${tenants.small.companyId}/employees`,
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `管理员工${i}`, userid: `adm-${i}`, mobile: cnMobile('135', i), email: `adm${i}@small.bench.example` }),
      };
    };
    await scenario(id('admin-create'), `${tag}admin employee create`, roster, adminCreate, httpCheck);
  }
}

/**
 * Targets: lists ≥ 0.5× the bare route, creates ≥ 0.5× the engine's bare insert; [info] the lists with
 * total=true against the bare route and the 1-connection p99s against the admin issue's 10 ms bound.
 */
export function adminTargets({ byId, engines, pageSizes }) {
  const targets = [];
  const info = [];
  const base = byId['bare-route'];
  for (const engine of engines) {
    const row = (s) => byId[`${engine}:${s}`];
    const tag = engines.length > 1 || engine !== 'sqlite' ? `[${engine}] ` : '';
    const baseInsert = byId[engine === 'postgres' ? 'bare-insert-pg' : 'bare-insert'];
    const insertLabel = engine === 'postgres' ? 'bare PostgreSQL insert' : 'bare insert';
    for (const size of pageSizes) {
      targets.push(
        ratioTarget(`${tag}admin list page 1 (size ${size}) req/s vs bare route`, row(`admin-list-p1@${size}`), base, 0.5),
        ratioTarget(`${tag}admin list last cursor (size ${size}) req/s vs bare route`, row(`admin-list-deep@${size}`), base, 0.5),
      );
      for (const s of [`admin-list-p1-total@${size}`, `admin-list-deep-total@${size}`]) {
        const r = row(s);
        if (r && !r.skipped) info.push(ratioTarget(`[info] ${r.label.replace(' [info]', '')} vs bare route`, r, base, 0.5));
      }
      // The admin issue's bound: any page of a 1,000,000-employee company in < 10 ms p99.
      for (const s of [`admin-list-p1-1c@${size}`, `admin-list-deep-1c@${size}`]) {
        const r = row(s);
        if (r && !r.skipped) info.push(maxTarget(`[info] ${r.label.replace(' [info]', '')}, p99`, r.p99, 10, 'ms', r));
      }
    }
    for (const kind of ['name', 'email']) {
      const r = row(`admin-list-keyword-1c@${kind}`);
      if (r && !r.skipped) info.push(maxTarget(`[info] ${r.label.replace(' [info]', '')}, p99`, r.p99, 10, 'ms', r));
    }
    targets.push(ratioTarget(`${tag}admin create req/s vs ${insertLabel}`, row('admin-create'), baseInsert, 0.5));
  }
  return { targets, info };
}
