/** Enterprise set-up for the benefits tests, through the container's services (as `roster` does). */
import { randomInt } from 'node:crypto';
import type { Container } from '../../../src/container.js';
import type { AppCredentials, SignType } from '../../../src/domain/app.js';
import type { Company } from '../../../src/domain/company.js';
import { JavaSdkClient } from './java-sdk-client.js';

let counter = 0;

/** A mainland mobile number unlikely to repeat within a run: `137`, 4 random digits, a counter. */
export function uniqueMobile(): string {
  counter = (counter + 1) % 10_000;
  return `137${String(randomInt(0, 10_000)).padStart(4, '0')}${String(counter).padStart(4, '0')}`;
}

/** A short unique suffix for userids, codes and emails. */
export function uniqueId(prefix = 'u'): string {
  counter = (counter + 1) % 10_000;
  return `${prefix}${randomInt(0, 1_000_000).toString(36)}${counter}`;
}

export interface Enterprise {
  company: Company;
  app: AppCredentials;
  sdk: JavaSdkClient;
}

export interface EnterpriseOptions {
  signType?: SignType;
  rateLimit?: number;
  clock?: () => number;
}

/** An initialized enterprise with a hosted app and an SDK client for it. */
export async function newEnterprise(c: Container, baseUrl: string, options: EnterpriseOptions = {}): Promise<Enterprise> {
  const company = await c.directory.createCompany({ name: `企业${uniqueId('')}`, main: { phone: uniqueMobile(), name: '管理员' } });
  return withApp(c, baseUrl, company, options);
}

/** A hosted app of `company` and an SDK client for it. */
export async function withApp(c: Container, baseUrl: string, company: Company, options: EnterpriseOptions = {}): Promise<Enterprise> {
  const app = await c.directory.createApp({ companyId: company.companyId, rateLimit: options.rateLimit ?? 0, signType: options.signType });
  const sdk = new JavaSdkClient(baseUrl, app.appKey, app.appSecret, { signType: app.signType, clock: options.clock });
  return { company, app, sdk };
}

/** Seed 003's SDK example needs: department TOM071201, level 金丹, category 帅哥组 (politicalVisage is on by default). */
export async function seedExampleSetup(c: Container, companyId: string): Promise<void> {
  await c.departments.add(companyId, { deptCode: 'TOM071201', name: '汤姆组' });
  await c.departments.add(companyId, { deptCode: 'A001', name: '研发部' });
  await c.directory.addSettings(companyId, 'levels', ['金丹', 'S1']);
  await c.directory.addSettings(companyId, 'categories', ['帅哥组', 'A组', 'B组']);
}

/** Seed 003's Java SDK example request, with the SDK's wire names. */
export function seedSdkExample(): Record<string, unknown> {
  return {
    userid: 'tom082401',
    code: 'tom082401',
    name: 'tom082401',
    gender: 1,
    dept_code: 'TOM071201',
    mobile: '16898989110',
    email: '168989890901@tom.com',
    birth_day: '1990-07-05',
    entry_day: '2022-06-29',
    card_type: 1,
    category: ['帅哥组'],
    card_no: '110101199003070919',
    remark: 'test',
    level: '金丹',
    employee_attribute: [{ attributeCode: 'politicalVisage', attributeValue: '群众' }],
  };
}

/**
 * Another SDK client of the same app whose clock runs one second ahead: a call with the same params
 * as one just made through `ent.sdk` (a restore after a resign) carries another timestamp, hence
 * another sign — a data-changing call's sign is accepted once (issue 6 item 10).
 */
export function secondAheadSdk(ent: Enterprise): JavaSdkClient {
  return new JavaSdkClient(ent.sdk.baseUrl, ent.app.appKey, ent.app.appSecret, { signType: ent.app.signType, clock: () => Date.now() + 1000 });
}
