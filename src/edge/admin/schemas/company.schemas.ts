import { z } from 'zod';
import type { Company } from '#src/domain/company.js';
import { RULES } from '#src/edge/benefits/employee-fields.js';
import { CompanyId, Cursor, Limit, Timestamp, toIso } from './common.js';

export const CompanySchema = z
  .object({
    companyId: CompanyId,
    name: z.string(),
    kind: z.enum(['enterprise', 'group', 'operator']),
    mainPk: z.string().describe("The tenant's platform account id."),
    initialized: z.boolean().describe('True once the company has a main account (IoT 2405 until then).'),
    mainIdentityId: z.string().nullable().describe('The main account’s identity (IoT mainIdentityId); null until initialized.'),
    mainEmployeeId: z.string().nullable(),
    parentCompanyId: CompanyId.nullable().describe('The group or operator of a member enterprise.'),
    enterpriseCode: z.string().nullable(),
    employeeCount: z.number().int().describe('Employees on file: those created less those deleted (resigned ones count).'),
    createdAt: Timestamp,
  })
  .meta({ id: 'Company' });

export const MainAccountSchema = z
  .object({
    phone: z.string().min(6).max(20),
    name: z.string().min(1).max(RULES.name.max).optional(),
    email: z.string().regex(RULES.email.pattern, RULES.email.patternRule).max(RULES.email.max).optional(),
  })
  .meta({ id: 'MainAccount' });

export const CompanyCreateSchema = z
  .object({
    name: z.string().min(1).max(200),
    kind: z.enum(['enterprise', 'group', 'operator']).optional(),
    parentCompanyId: CompanyId.optional().describe('Makes a member enterprise of this group or operator.'),
    enterpriseCode: textOf20().optional().describe('Required with parentCompanyId: the code within the group.'),
    main: MainAccountSchema.optional().describe('The main account (first admin); without it the company is not initialized.'),
  })
  .meta({ id: 'CompanyCreate' });

function textOf20() {
  return z.string().min(1).max(RULES.enterpriseCode.max);
}

export const CompanyUpdateSchema = z.object({ name: z.string().min(1).max(200).optional() }).meta({ id: 'CompanyUpdate' });

export const CompanyPageSchema = z
  .object({ items: z.array(CompanySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CompanyPage' });

export const CompanyPath = z.object({ companyId: CompanyId });
export const PageQuery = z.object({ cursor: Cursor.optional(), limit: Limit });
export const CompanyListQuery = PageQuery.extend({ parentCompanyId: CompanyId.optional().describe('Only the member enterprises of this group or operator.') });

export function companyView(c: Company): z.input<typeof CompanySchema> {
  return {
    companyId: c.companyId,
    name: c.companyName,
    kind: c.kind,
    mainPk: c.mainPk,
    initialized: c.mainIdentityId !== null,
    mainIdentityId: c.mainIdentityId,
    mainEmployeeId: c.mainEmployeeId,
    parentCompanyId: c.parentCompanyId,
    enterpriseCode: c.enterpriseCode,
    employeeCount: c.employeeCount - (c.deletedCount ?? 0),
    createdAt: toIso(c.createdAt),
  };
}
