import { z } from 'zod';
import { isCalendarDate, isMonthDay } from '#src/domain/dates.js';
import type { Employee } from '#src/domain/employee.js';
import { isResigned } from '#src/domain/employee.js';
import { RULES } from '#src/edge/benefits/employee-fields.js';
import { CompanyId, Cursor, Limit, Timestamp, toIso, toIsoOrNull } from './common.js';
import { textOf } from './text-rules.js';

const date = z.string().refine(isCalendarDate, 'must be a real date yyyy-MM-dd');
const birthday = z.string().refine((s) => isCalendarDate(s) || isMonthDay(s), 'must be a real date yyyy-MM-dd or MM-dd');
const attribute = z.object({ attributeCode: z.string().min(1).max(100), attributeValue: z.string().min(1).max(100) });

/** The fields create and update share; the rules are the directory's (benefits RULES). */
const editable = {
  name: textOf(RULES.name, 'Full name.'),
  workNumber: textOf(RULES.code, 'Work number (letters and digits), unique in the company without case.'),
  mobile: textOf(RULES.mobile, 'Mobile number, national or +E.164; unique in the company.'),
  mobileArea: textOf(RULES.mobileArea, 'International calling code of the mobile, default 86.'),
  email: textOf(RULES.email, 'Email, unique in the company without case.'),
  gender: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('1 male, 2 female, 3 unknown.'),
  deptCode: textOf(RULES.deptCode, 'Department code (default: the root department).'),
  level: textOf(RULES.level, 'A level set up in the company; null clears.').nullable(),
  categories: z.array(textOf(RULES.category, 'A category set up in the company.')).max(100),
  birthDay: birthday.nullable(),
  entryDay: date.nullable(),
  remark: textOf(RULES.remark, 'Free text.'),
  cardType: z.union([z.literal(1), z.literal(2)]).describe('1 mainland resident ID, 2 passport.'),
  cardNo: textOf(RULES.cardNo, 'Identity document number: write-only, never shown.'),
  attributes: z.array(attribute).max(100).describe('Enabled extension attributes, merged by attributeCode.'),
  costCenterId: z.number().int().min(1).max(2_147_483_647),
};

export const EmployeeCreateSchema = z
  .object({ ...editable, userid: textOf(RULES.userid, 'Your system’s id for the employee; unique in the company.') })
  .partial()
  .required({ name: true })
  .meta({ id: 'EmployeeCreate' });

export const EmployeeUpdateSchema = z
  .object({
    ...editable,
    isAdmin: z.boolean().describe('A company admin may sign in to the console (with a password set for them, or through the company’s OA). The main account always is.'),
  })
  .partial()
  .meta({ id: 'EmployeeUpdate' });

export const EmployeeSchema = z
  .object({
    employeeId: z.string(),
    companyId: CompanyId,
    identityId: z.string().describe('The IoT dialect’s identityId.'),
    userid: z.string().nullable(),
    workNumber: z.string().nullable(),
    name: z.string(),
    mobile: z.string().nullable().describe('National number under mobileArea.'),
    mobileArea: z.string().nullable(),
    email: z.string().nullable(),
    gender: z.number().int().nullable(),
    deptCode: z.string().nullable(),
    level: z.string().nullable(),
    categories: z.array(z.string()),
    birthDay: z.string().nullable(),
    entryDay: z.string().nullable(),
    remark: z.string().nullable(),
    cardType: z.number().int().nullable(),
    hasCardNo: z.boolean().describe('Whether an identity document number is on file (its value is never shown).'),
    attributes: z.array(attribute),
    costCenterId: z.number().int().nullable(),
    isAdmin: z.boolean(),
    isMain: z.boolean(),
    status: z.enum(['active', 'resigned']),
    resignAt: Timestamp.nullable().describe('When the resignation takes or took effect.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Employee' });

export const EmployeePageSchema = z
  .object({
    items: z.array(EmployeeSchema),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last one.'),
    total: z.number().int().optional().describe('Every match, when asked with total=true.'),
  })
  .meta({ id: 'EmployeePage' });

export const EmployeeListQuery = z.object({
  status: z.enum(['active', 'resigned', 'all']).default('all'),
  deptCode: z.string().min(1).max(50).optional().describe('A department and every department below it.'),
  level: z.string().min(1).max(50).optional(),
  category: z.string().min(1).max(50).optional(),
  userid: z.string().min(1).max(100).optional(),
  keyword: z.string().min(1).max(100).optional().describe('Part of the name, or a whole phone, email or work number (without case).'),
  cursor: Cursor.optional(),
  limit: Limit,
  // A query string carries text; the document calls it a boolean, which is how clients send it (`true`).
  total: z.stringbool().default(false).meta({ type: 'boolean', default: false, description: 'Also count every match.' }),
});

export const ResignSchema = z
  .object({ resignAt: Timestamp.optional().describe('When it takes effect; default now.') })
  .meta({ id: 'EmployeeResign' });

export const EmployeePath = z.object({ companyId: CompanyId, employeeId: z.string().min(1).max(40) });

/** The national number of the stored E.164 under its calling code, else the number as given. */
function nationalMobile(e: Employee): string | null {
  if (e.phoneE164 && e.mobileArea && e.phoneE164.startsWith(`+${e.mobileArea}`)) return e.phoneE164.slice(1 + e.mobileArea.length);
  return e.phoneRaw;
}

export function employeeView(e: Employee, now: number): z.input<typeof EmployeeSchema> {
  return {
    employeeId: e.employeeId,
    companyId: e.companyId,
    identityId: e.identityId,
    userid: e.userid,
    workNumber: e.workNumber,
    name: e.name,
    mobile: nationalMobile(e),
    mobileArea: e.mobileArea,
    email: e.email,
    gender: e.gender,
    deptCode: e.deptCode,
    level: e.level,
    categories: e.categories,
    birthDay: e.birthDay,
    entryDay: e.entryDay,
    remark: e.remark,
    cardType: e.cardType,
    hasCardNo: e.cardNo !== null,
    attributes: e.attributes,
    costCenterId: e.costCenterId,
    isAdmin: e.isAdmin,
    isMain: e.isMain,
    status: isResigned(e, now) ? 'resigned' : 'active',
    resignAt: toIsoOrNull(e.resignAt),
    createdAt: toIso(e.createdAt),
    updatedAt: toIso(e.updatedAt),
  };
}
