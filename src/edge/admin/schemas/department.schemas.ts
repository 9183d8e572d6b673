import { z } from 'zod';
import type { DepartmentNode } from '#src/app/admin/department-admin.service.js';
import type { Department } from '#src/domain/department.js';
import { CompanyId } from './common.js';

const DeptCode = z.string().min(1).max(50);
const DeptName = z.string().min(1).max(100);
const Status = z.union([z.literal(1), z.literal(2)]).describe('1 valid, 2 invalid.');

export const DepartmentSchema = z
  .object({
    deptCode: z.string(),
    name: z.string(),
    parentCode: z.string().nullable().describe('Null only for the root department.'),
    status: z.number().int(),
    managerUserid: z.string().nullable(),
    isRoot: z.boolean(),
  })
  .meta({ id: 'Department' });

export interface DepartmentTreeWire {
  deptCode: string;
  name: string;
  parentCode: string | null;
  status: number;
  managerUserid: string | null;
  children: DepartmentTreeWire[];
}

export const DepartmentTreeSchema: z.ZodType<DepartmentTreeWire> = z
  .object({
    deptCode: z.string(),
    name: z.string(),
    parentCode: z.string().nullable(),
    status: z.number().int(),
    managerUserid: z.string().nullable(),
    get children(): z.ZodArray<z.ZodType<DepartmentTreeWire>> {
      return z.array(DepartmentTreeSchema);
    },
  })
  .meta({ id: 'DepartmentTree' });

export const DepartmentCreateSchema = z
  .object({ deptCode: DeptCode, name: DeptName, parentCode: DeptCode.optional().describe('Default: the root department.'), status: Status.optional() })
  .meta({ id: 'DepartmentCreate' });

export const DepartmentUpdateSchema = z
  .object({
    name: DeptName.optional(),
    parentCode: DeptCode.optional().describe('Moves the department; a move below itself is refused.'),
    managerUserid: z.string().min(1).max(100).optional(),
    status: Status.optional(),
  })
  .meta({ id: 'DepartmentUpdate' });

export const DepartmentPath = z.object({ companyId: CompanyId, deptCode: DeptCode });

export function departmentView(d: Department): z.input<typeof DepartmentSchema> {
  return { deptCode: d.deptCode, name: d.name, parentCode: d.parentCode, status: d.status, managerUserid: d.managerUserid, isRoot: d.isRoot };
}

export function treeView(node: DepartmentNode): DepartmentTreeWire {
  return {
    deptCode: node.deptCode,
    name: node.name,
    parentCode: node.parentCode,
    status: node.status,
    managerUserid: node.managerUserid,
    children: node.children.map(treeView),
  };
}
