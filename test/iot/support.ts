/**
 * Helpers for the IoT account dialect's HTTP-level tests: envelopes, a hand-built signer that is
 * independent of src/ (it follows iot-account-protocol.md §1.2 on its own, so it can catch the
 * server's mistakes), the real npm client, expectations on the wire, and data set-up through the
 * container's services.
 */
import { createHash, createHmac, randomInt, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { AppCredentials } from '../../src/domain/app.js';
import type { Company } from '../../src/domain/company.js';
import type { OaCodeType, OaProfile } from '../../src/domain/oa.js';
import type { RosterFixture } from '../support/roster.js';

// ---------------------------------------------------------------------------------------------
// The three endpoints
// ---------------------------------------------------------------------------------------------

export const PATHS = {
  create: '/user/account/employee/createbyauthcode',
  get: '/industry/user/account/get',
  query: '/user/account/employee/querybycompanyid',
} as const;

/** The apiVer each endpoint serves (seeds 000–002). */
export const API_VER = { create: '1.0.0', get: '1.0.4', query: '1.0.0' } as const;

export type Endpoint = keyof typeof PATHS;

/** The request envelope, in the key order the seeds print it. */
export interface IotRequestBody {
  id: string;
  version: string;
  request: { apiVer: string; iotToken?: string; language?: string };
  params: Record<string, unknown>;
}

/** The response envelope every business answer carries. */
export interface IotEnvelope<T = unknown> {
  id: string | null;
  code: number;
  message: string | null;
  localizedMsg: string | null;
  data: T;
}

export const ENVELOPE_KEYS = ['id', 'code', 'message', 'localizedMsg', 'data'];

/** `{id, version, request:{apiVer, …}, params}` for an endpoint, with a fresh id unless given. */
export function envelope(
  endpoint: Endpoint,
  params: Record<string, unknown>,
  request: { language?: string; locale?: string; iotToken?: string; apiVer?: string } = {},
  id: string = randomUUID(),
): IotRequestBody {
  return { id, version: '1.0', request: { apiVer: API_VER[endpoint], ...request }, params };
}

// ---------------------------------------------------------------------------------------------
// Seed data shapes (field lists, in the seeds' order)
// ---------------------------------------------------------------------------------------------

/** Seed 000 `data`. */
export interface CreatedAccount {
  accountId: string;
  mainPk: string;
  mainIdentityId: string;
  phone: string;
  email: string | null;
  employeeId: string;
  companyId: string;
  companyName: string;
  nickName: string;
  avatarUrl: string | null;
}
export const CREATED_ACCOUNT_KEYS = [
  'accountId',
  'mainPk',
  'mainIdentityId',
  'phone',
  'email',
  'employeeId',
  'companyId',
  'companyName',
  'nickName',
  'avatarUrl',
];

/** Seed 001 `data`: the documented fields plus the example's organization and role fields. */
export interface AccountData {
  organizationId?: string;
  organizationShowName?: string;
  roleCode?: string;
  roleName?: string;
  auid: string;
  phone: string | null;
  email: string | null;
  nickName: string;
  admin: boolean;
  main: boolean;
  workNumber: string | null;
  loginName: string | null;
}
export const ACCOUNT_KEYS = ['auid', 'phone', 'email', 'nickName', 'admin', 'main', 'workNumber', 'loginName'];
export const ORG_ROLE_KEYS = ['organizationId', 'organizationShowName', 'roleCode', 'roleName'];

/** Seed 002 `data`. */
export interface EmployeePage {
  total: number;
  pageNo: number;
  pageSize: number;
  pageCount: number;
  employeeList: ListedEmployee[];
}
export interface ListedEmployee {
  phone: string | null;
  email: string | null;
  identityId: string;
  companyId: string;
  companyName: string;
  name: string;
  creater: string | null;
  modifier: string | null;
  avatarUrl: string | null;
  isMainAccount: boolean;
}
export const PAGE_KEYS = ['total', 'pageNo', 'pageSize', 'pageCount', 'employeeList'];
export const LISTED_EMPLOYEE_KEYS = [
  'phone',
  'email',
  'identityId',
  'companyId',
  'companyName',
  'name',
  'creater',
  'modifier',
  'avatarUrl',
  'isMainAccount',
];

/** Ids shaped like the seeds' examples. */
export const OPAQUE_ID = /^[a-z0-9]{40}$/;
export const COMPANY_ID = /^[0-9A-F]{32}$/;
export const MAIN_PK = /^[1-9][0-9]{15}$/;

// ---------------------------------------------------------------------------------------------
// Signing by hand (notes §1.2), in the Node client's flavour or the Java SDK's
// ---------------------------------------------------------------------------------------------

export interface SignOptions {
  /** `node` (aliyun-api-gateway's headers, the default) or `java` (sdk-core's). */
  flavour?: 'node' | 'java';
  /** Sent as `x-ca-signature-method` (java always sends it; node never does unless given here). */
  signatureMethod?: string;
  /** Header overrides applied before signing; `undefined` removes a header. Names lower case. */
  headers?: Record<string, string | undefined>;
  /** Header overrides applied after signing (tampering); `undefined` removes a header. */
  afterSign?: Record<string, string | undefined>;
  /** Query string appended to the path (without `?`); it is signed unless `signQuery` is false. */
  query?: string;
  signQuery?: boolean;
  /** Sign with this secret instead of the app's. */
  secret?: string;
  /** The raw body to send instead of the JSON of `body`. */
  rawBody?: string | Buffer;
}

export interface WireResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface Signer {
  appKey: string;
  appSecret: string;
}

/** Base64 MD5, as Content-MD5 carries it. */
export const md5 = (body: Buffer | string): string => createHash('md5').update(body).digest('base64');

/** The string-to-sign per notes §1.2, independent of the server's implementation. */
export function stringToSign(
  method: string,
  path: string,
  query: string,
  headers: Record<string, string>,
  signedNames: string[],
  body: Buffer,
): string {
  const h = (name: string) => headers[name] ?? '';
  const lines = [method, h('accept'), h('content-md5'), h('content-type'), h('date')];
  for (const name of [...signedNames].sort()) lines.push(`${name}:${h(name)}`);
  const params = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(query)) if (!params.has(k)) params.set(k, v);
  if (h('content-type').startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) if (!params.has(k)) params.set(k, v);
  }
  const keys = [...params.keys()].sort();
  const resource = keys.length ? `${path}?${keys.map((k) => (params.get(k) ? `${k}=${params.get(k)}` : k)).join('&')}` : path;
  lines.push(resource);
  return lines.join('\n');
}

function applyOverrides(headers: Record<string, string>, overrides: Record<string, string | undefined> | undefined): void {
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
}

/** Builds, signs and sends one POST the way a gateway client would. */
export async function signedPost(baseUrl: string, app: Signer, path: string, body: unknown, opts: SignOptions = {}): Promise<WireResponse> {
  const raw = opts.rawBody !== undefined ? Buffer.from(opts.rawBody) : Buffer.from(JSON.stringify(body), 'utf8');
  const flavour = opts.flavour ?? 'node';
  const base: Record<string, string> =
    flavour === 'node'
      ? {
          'x-ca-timestamp': String(Date.now()),
          'x-ca-key': app.appKey,
          'x-ca-nonce': randomUUID(),
          'x-ca-stage': 'RELEASE',
          accept: 'application/json',
          'content-type': 'application/json',
          'content-md5': md5(raw),
          'user-agent': 'aliyun-api-gateway/1.1.6 Node.js/v20',
        }
      : {
          'x-ca-timestamp': String(Date.now()),
          'x-ca-key': app.appKey,
          'x-ca-nonce': randomUUID(),
          'x-ca-signature-method': 'HmacSHA256',
          accept: 'application/json; charset=utf-8',
          'content-type': 'application/octet-stream; charset=utf-8',
          // sdk-core cuts the value to 24 characters (a base64 MD5 is exactly that long).
          'content-md5': md5(raw).slice(0, 24),
          date: new Date().toUTCString(),
          ca_version: '1.1.2',
          'user-agent': 'ALIYUN-ANDROID-DEMO',
        };
  if (opts.signatureMethod !== undefined) base['x-ca-signature-method'] = opts.signatureMethod;
  applyOverrides(base, opts.headers);

  const signed = Object.keys(base).filter((n) => n.startsWith('x-ca-'));
  // Java lists the signed headers in HashMap order; the node client sorts them.
  const listed = flavour === 'java' ? [...signed].sort().reverse() : [...signed].sort();
  const query = opts.query ?? '';
  const sts = stringToSign('POST', path, opts.signQuery === false ? '' : query, base, signed, raw);
  const method = base['x-ca-signature-method'] === 'HmacSHA1' ? 'sha1' : 'sha256';
  const headers: Record<string, string> = {
    ...base,
    'x-ca-signature-headers': listed.join(','),
    'x-ca-signature': createHmac(method, Buffer.from(opts.secret ?? app.appSecret, 'utf8')).update(sts, 'utf8').digest('base64'),
  };
  applyOverrides(headers, opts.afterSign);

  const response = await fetch(`${baseUrl}${path}${query ? `?${query}` : ''}`, { method: 'POST', headers, body: raw });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The caller's side of one fixture: signed posts of envelopes. */
export function iotCaller(ctx: () => RosterFixture) {
  const post = (app: Signer, endpoint: Endpoint, body: unknown, opts?: SignOptions) =>
    signedPost(ctx().baseUrl, app, PATHS[endpoint], body, opts);
  return {
    post,
    /** Sends an envelope with `params` to `endpoint`; returns the wire response and the sent id. */
    async call(app: Signer, endpoint: Endpoint, params: Record<string, unknown>, request: Parameters<typeof envelope>[2] = {}, opts?: SignOptions) {
      const body = envelope(endpoint, params, request);
      return { res: await post(app, endpoint, body, opts), id: body.id };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Expectations on the wire
// ---------------------------------------------------------------------------------------------

/** Every response carries a gateway request id (our server generates upper-case UUIDs). */
export function expectRequestId(headers: Headers | Record<string, unknown>): void {
  const value = headers instanceof Headers ? headers.get('x-ca-request-id') : headers['x-ca-request-id'];
  expect(value).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
}

/** A gateway failure: the HTTP status, `X-Ca-Error-Message`, `X-Ca-Request-Id` and no body. */
export function expectGatewayError(res: WireResponse, status: number, message: string | RegExp): void {
  expect({ status: res.status, message: res.headers.get('x-ca-error-message'), body: res.text }).toEqual({
    status,
    message: typeof message === 'string' ? message : expect.stringMatching(message),
    body: '',
  });
  expectRequestId(res.headers);
}

function parseEnvelope<T>(res: WireResponse): IotEnvelope<T> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  expectRequestId(res.headers);
  const body = JSON.parse(res.text) as IotEnvelope<T>;
  expect(Object.keys(body)).toEqual(ENVELOPE_KEYS);
  return body;
}

/** A success: HTTP 200, `{id, code:200, message:null, localizedMsg:null, data}`; returns data. */
export function expectOk<T>(res: WireResponse, id: string): T {
  const body = parseEnvelope<T>(res);
  expect({ ...body, data: '…' }).toEqual({ id, code: 200, message: null, localizedMsg: null, data: '…' });
  expect(body.data).not.toBeNull();
  return body.data;
}

/** The generic answers (460 `request parameter error.`, 20003) name what was wrong after the seed's text. */
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const seedTextThenDetail = (text: string | null) => (text === null ? text : expect.stringMatching(new RegExp(`^${escapeRe(text)}( \\(.+\\)|（.+）)?$`)));

/**
 * A business error: HTTP 200 and exactly `{id, code, message, localizedMsg, data:null}`; for 460
 * `request parameter error.` and 20003 the seed's text may be followed by what was wrong (pinned in
 * test/ops/client-errors.test.ts).
 */
export function expectIotError(res: WireResponse, id: string | null, code: number, message: string, localizedMsg: string | null): void {
  const body = parseEnvelope(res);
  const detailed = (code === 460 && message === 'request parameter error.') || code === 20003;
  if (!detailed) {
    expect(body).toEqual({ id, code, message, localizedMsg, data: null });
    return;
  }
  expect(body).toEqual({ id, code, message: seedTextThenDetail(message), localizedMsg: seedTextThenDetail(localizedMsg), data: null });
}

/** The business error codes of the seeds, with their Chinese localizedMsg (the default). */
export const ERR = {
  param: [460, 'request parameter error.', '请求参数错误'],
  forbidden: [403, 'request forbidden.', '请求被禁止'],
  forbiddenGet: [403, 'request forbidden.', '请求没有权限'],
  codeInvalid: [2459, 'oa error message', '会话Id不存在'],
  phoneInvalid: [2404, 'oa error message', '手机号格式不正确'],
  notInitialized: [2405, 'identity is not existed', '公司未初始化'],
  phoneTaken: [2441, 'employee is already existed', '该手机号对应的员工已经存在'],
  registerFailed: [2402, 'registerAccount failed', '账号注册失败'],
  userNotFound: [107313, 'the user is not exist', '人员不存在或已删除'],
  tenantNotFound: [102126, 'tenant not fund', '租户没有查到'],
  pageSize: [460, 'pageSize should between 1-100', '每页的数量在1-100之间'],
  wrongApiVer: [20003, 'Find Backend Error', 'Find Backend Error'],
} as const;

export function expectErr(res: WireResponse, id: string | null, [code, message, zh]: readonly [number, string, string]): void {
  expectIotError(res, id, code, message, zh);
}

// ---------------------------------------------------------------------------------------------
// The real npm client
// ---------------------------------------------------------------------------------------------

export interface GatewayClient {
  post(url: string, opts: { data: unknown; headers?: Record<string, string>; timeout?: number }): Promise<unknown>;
}

const require = createRequire(import.meta.url);
const { Client } = require('aliyun-api-gateway') as { Client: new (key: string, secret: string, stage?: string) => GatewayClient };

export function gatewayClient(app: Signer, secret = app.appSecret): GatewayClient {
  return new Client(app.appKey, secret);
}

/** How aliyun-api-gateway reports a non-2xx answer: it throws with `code` and `data.headers`. */
export interface ClientFailure {
  message: string;
  code: number;
  headers: Record<string, string>;
}

export async function clientFailure(call: Promise<unknown>): Promise<ClientFailure> {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { code: number; data: { headers: Record<string, string> } };
    return { message: e.message, code: e.code, headers: e.data.headers };
  }
  throw new Error('expected the client to throw');
}

// ---------------------------------------------------------------------------------------------
// Data set-up through the container's services
// ---------------------------------------------------------------------------------------------

let phoneCounter = 0;

/** A mainland mobile number unlikely to repeat within a test run: `139` and 8 digits. */
export function uniquePhone(): string {
  phoneCounter = (phoneCounter + 1) % 10_000;
  return `139${String(randomInt(0, 10_000)).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export interface TestCompany {
  company: Company;
  main: { phone: string; name: string; email: string };
}

/** A company; initialized (with a main account) unless `initialized: false`. */
export async function newCompany(
  ctx: () => RosterFixture,
  opts: { name?: string; initialized?: boolean; mainPhone?: string } = {},
): Promise<TestCompany> {
  const main = { phone: opts.mainPhone ?? uniquePhone(), name: '管理员甲', email: `main-${randomUUID()}@example.com` };
  const company = await ctx().c.directory.createCompany({
    name: opts.name ?? `浙江测试${randomInt(0, 1e6)}有限公司`,
    main: opts.initialized === false ? undefined : main,
  });
  return { company, main };
}

export function hostedApp(ctx: () => RosterFixture, companyId: string, rateLimit = 0): Promise<AppCredentials> {
  return ctx().c.directory.createApp({ companyId, rateLimit });
}

/** A shared app installed into `companyIds`; returns the app and each installation's appId. */
export async function sharedApp(
  ctx: () => RosterFixture,
  companyIds: string[],
): Promise<{ app: AppCredentials; appIds: string[] }> {
  const app = await ctx().c.directory.createApp({ rateLimit: 0 });
  const appIds: string[] = [];
  for (const companyId of companyIds) appIds.push(await ctx().c.directory.installApp(app.appKey, companyId));
  return { app, appIds };
}

/** A development-OA profile with fresh identity; override any field. */
export function oaProfile(over: Partial<OaProfile> = {}): OaProfile {
  const tag = randomUUID().slice(0, 8);
  return {
    oaUserId: `oa-${randomUUID()}`,
    phone: uniquePhone(),
    name: `员工${tag}`,
    email: `e-${tag}@example.com`,
    avatarUrl: `http://aa.bb.com/${tag}.jpg`,
    ...over,
  };
}

/** Issues a development-OA code for `profile` in `companyId` (issued `now`, valid 5 minutes). */
export async function issueCode(
  ctx: () => RosterFixture,
  companyId: string,
  profile: OaProfile = oaProfile(),
  codeType: OaCodeType = 'AUTH_CODE',
  now: number = Date.now(),
): Promise<string> {
  return ctx().c.oa.issueCode(ctx().c.store.repos, companyId, profile, codeType, now);
}

/** The company's employees as stored, in creation order (read straight from the repository). */
export async function storedEmployees(ctx: () => RosterFixture, companyId: string) {
  return ctx().c.store.repos.employees(companyId).pageAfter(0, 10_000);
}
