import { RULES } from '#src/edge/benefits/employee-fields.js';
import type { TextRule } from '#src/edge/benefits/param-rules.js';
import { BENEFITS_PATHS } from '#src/edge/benefits/routes.js';
import { allIotRoutes, servedVersions } from '#src/edge/iot/iot.plugin.js';

/**
 * The parts of docs/clients.md that are read off the code: the endpoint index (paths and the apiVer
 * each IoT route serves) and the benefits parameter rules. `npm run docs` writes them between the
 * `<!-- generated:NAME -->` markers; a test fails when the committed file drifts.
 */
export const GENERATED_SECTIONS: Record<string, () => string> = {
  endpoints() {
    // The routes are read for their path and apiVer only; nothing is called.
    const none = {} as Parameters<typeof allIotRoutes>[0]['accounts'];
    const iot = allIotRoutes({ accounts: none, sessions: {} as never, identities: {} as never, identityQueries: {} as never }).map((r) => `| IoT account | \`POST ${r.path}\` | \`${servedVersions(r).join('`, `')}\` | signed JSON envelope (\`X-Ca-*\`) |`);
    // The batch calls carry JSON (signed as `_body`); two reads also answer GET, as their docs allow.
    const json = new Set<string>([BENEFITS_PATHS.employeeBatchSynchronize, BENEFITS_PATHS.departmentBatchSynchronize, BENEFITS_PATHS.departmentBatchSetParent, BENEFITS_PATHS.departmentBatchSetManager]);
    const alsoGet = new Set<string>([BENEFITS_PATHS.employeeGetCountByDepartmentCode, BENEFITS_PATHS.batchResult]);
    const benefits = Object.values(BENEFITS_PATHS).map(
      (path) =>
        `| benefits | \`${alsoGet.has(path) ? 'POST/GET' : 'POST'} ${path}\` | — | ${json.has(path) ? 'JSON body (signed as `_body`)' : 'form'}, \`${path === BENEFITS_PATHS.tokenCreate ? 'appid' : 'access_token'}\` + \`timestamp\` + \`sign\` |`,
    );
    return ['| dialect | endpoint | apiVer | request |', '|---|---|---|---|', ...iot, ...benefits].join('\n');
  },
  benefitsRules() {
    const names: Record<keyof typeof RULES, string> = {
      userid: 'userid',
      name: 'name',
      enterpriseCode: 'enterprise_code',
      code: 'code',
      email: 'email',
      mobileArea: 'mobile_area',
      mobile: 'mobile',
      remark: 'remark',
      deptCode: 'dept_code',
      level: 'level',
      category: 'category',
      cardNo: 'card_no',
      password: 'password',
    };
    const notes: Partial<Record<keyof typeof RULES, string>> = { code: ' (also read as the deprecated `corp_code`)', category: ' (each name of the list)' };
    const describe = (rule: TextRule) =>
      `${rule.min ?? 1}–${rule.max} characters${rule.pattern ? `; must match \`${String(rule.pattern).replaceAll('|', '\\|')}\` (else: "${rule.patternRule}")` : ''}`;
    const rows = (Object.keys(RULES) as Array<keyof typeof RULES>).map((key) => `| \`${names[key]}\`${notes[key] ?? ''} | ${describe(RULES[key])} |`);
    return ['| parameter | rule |', '|---|---|', ...rows].join('\n');
  },
};

const marker = (name: string) => new RegExp(`(<!-- generated:${name} -->\\n)(?:[\\s\\S]*?\\n)?(<!-- /generated:${name} -->)`);

/** `doc` with every generated section replaced by what the code says now. */
export function renderClientsDoc(doc: string): string {
  let out = doc;
  for (const [name, render] of Object.entries(GENERATED_SECTIONS)) {
    if (!marker(name).test(out)) throw new Error(`docs/clients.md lacks the generated:${name} markers`);
    out = out.replace(marker(name), (_m, open: string, close: string) => `${open}${render()}\n${close}`);
  }
  return out;
}
