import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Company } from '../../src/domain/company.js';
import { blankEmployee } from '../../src/domain/employee.js';
import { encodeIotSuccess } from '../../src/edge/iot/envelope.js';
import { accountData, listedEmployee } from '../../src/edge/iot/iot.routes.js';
import { identityData } from '../../src/edge/iot/session.routes.js';
import {
  ACCOUNT_DATA_SCHEMA,
  EMPLOYEE_PAGE_SCHEMA,
  SESSION_IDENTITY_SCHEMA,
  iotSuccess,
  iotSuccessSchema,
} from '../../src/edge/iot/response-schemas.js';

/**
 * get, querybycompanyid and authidentity answer through serializers compiled from their schemas; the
 * clients must see the very bytes the JSON.stringify envelope wrote (encodeIotSuccess), whatever the
 * stored text holds: quotes, backslashes, line breaks, U+2028, emoji, a lone surrogate, CJK, long
 * strings, nulls, and the optional organization and role pairs present or absent.
 */
const awkward = [
  'plain',
  '张三',
  'quote " and backslash \\ and slash /',
  'line\nbreak\ttab\r',
  'separator\u2028paragraph\u2029',
  'emoji 👩‍💻',
  'lone \ud800 surrogate',
  'x'.repeat(300),
  '',
  null,
];
const pick = (i: number) => awkward[i % awkward.length]!;

const accounts = awkward.map((value, i) => {
  const data: Record<string, unknown> = {};
  if (i % 2 === 0) {
    data.organizationId = pick(i + 1) ?? 'ROOT';
    data.organizationShowName = value;
  }
  if (i % 3 === 0) {
    data.roleCode = pick(i + 2);
    data.roleName = value;
  }
  Object.assign(data, {
    auid: pick(i + 3),
    phone: value,
    email: pick(i + 4),
    nickName: value,
    admin: i % 2 === 0,
    main: i % 3 === 0,
    workNumber: pick(i + 5),
    loginName: pick(i + 6),
  });
  return data;
});

const page = (size: number) => ({
  total: 1_000_000,
  pageNo: 3,
  pageSize: size,
  pageCount: Math.ceil(1_000_000 / size),
  employeeList: Array.from({ length: size }, (_, i) => ({
    phone: pick(i),
    email: pick(i + 1),
    identityId: pick(i + 2),
    companyId: '0123456789abcdef0123456789abcdef',
    companyName: pick(i + 3),
    name: pick(i + 4),
    creater: pick(i + 5),
    modifier: pick(i + 6),
    avatarUrl: pick(i + 7),
    isMainAccount: i === 0,
  })),
});

const identities = awkward.map((value, i) => ({
  companyId: pick(i),
  companyName: value,
  identityId: pick(i + 1),
  loginName: pick(i + 2),
  nickName: value,
  phone: pick(i + 3),
  email: pick(i + 4),
  avatarUrl: pick(i + 5),
  extraInfo: null,
  tenantId: pick(i),
  tenantPk: '1234567890',
}));

/** Answers `data` through a route compiled from `schema`, as the IoT dialect does. */
async function serialized(schema: Record<string, unknown>, id: string | null, data: unknown): Promise<string> {
  const server = Fastify();
  server.get('/', { schema: { response: { 200: iotSuccessSchema(schema) } } }, async (_req, reply) =>
    reply.code(200).type('application/json;charset=UTF-8').send(iotSuccess(id, data)),
  );
  try {
    return (await server.inject({ method: 'GET', url: '/' })).body;
  } finally {
    await server.close();
  }
}

describe('IoT answers written by compiled serializers', () => {
  it('writes account/get data byte for byte as JSON.stringify does', async () => {
    for (const [i, data] of accounts.entries()) {
      const id = i % 2 ? pick(i) : 'c0ffee00-1234-4a3b-9c1d-0123456789ab';
      expect(await serialized(ACCOUNT_DATA_SCHEMA, id, data)).toBe(encodeIotSuccess(id, data));
    }
  });

  it('writes querybycompanyid pages of 1, 10 and 100 byte for byte as JSON.stringify does', async () => {
    for (const size of [1, 10, 100]) {
      const data = page(size);
      expect(await serialized(EMPLOYEE_PAGE_SCHEMA, 'id-1', data)).toBe(encodeIotSuccess('id-1', data));
    }
    const empty = { total: 0, pageNo: 1, pageSize: 10, pageCount: 0, employeeList: [] };
    expect(await serialized(EMPLOYEE_PAGE_SCHEMA, null, empty)).toBe(encodeIotSuccess(null, empty));
  });

  it('writes session/authidentity data byte for byte as JSON.stringify does', async () => {
    for (const data of identities) expect(await serialized(SESSION_IDENTITY_SCHEMA, 'x"y', data)).toBe(encodeIotSuccess('x"y', data));
  });
});

describe('IoT answer schemas cover every field the routes answer', () => {
  // A serializer drops a property its schema does not list: a field later added to a route's data
  // must be added to the schema too, or the clients would silently stop seeing it.
  const employee = blankEmployee({
    companyId: 'c1',
    employeeId: 'e1',
    seq: 1,
    identityId: 'i1',
    accountId: 'a1',
    name: 'n',
    createdAt: 1,
    roleCode: 'r',
    roleName: 'R',
    phoneE164: '+8613800138000',
    email: 'x@y.cn',
    avatarUrl: 'https://a',
    loginName: 'l',
    workNumber: 'w',
    creator: 'k',
    modifier: 'm',
  });
  const company: Company = {
    companyId: 'c1',
    companyName: 'C',
    mainPk: '1',
    mainIdentityId: 'i0',
    mainEmployeeId: 'e0',
    kind: 'enterprise',
    parentCompanyId: null,
    enterpriseCode: null,
    employeeCount: 1,
    createdAt: 1,
  };
  const listed = (schema: Record<string, unknown>) => Object.keys(schema.properties as object);

  it('lists every key of get, with the organization and role pairs present', () => {
    const data = accountData({ employee, department: { deptCode: 'D', name: 'Dept' } });
    expect(Object.keys(data)).toEqual(listed(ACCOUNT_DATA_SCHEMA));
  });

  it('lists every key of a querybycompanyid item', () => {
    const items = (EMPLOYEE_PAGE_SCHEMA.properties as Record<string, { items: Record<string, unknown> }>).employeeList!.items;
    expect(Object.keys(listedEmployee(company, employee))).toEqual(listed(items));
  });

  it('lists every key of authidentity', () => {
    expect(Object.keys(identityData({ company, employee }))).toEqual(listed(SESSION_IDENTITY_SCHEMA));
  });
});
