import type { EmployeeSyncCommand } from '#src/app/employee-sync.js';
import type { BatchCommands } from '#src/app/jobs/row-commands.js';
import type { BatchKind, BatchRowInput } from '#src/domain/batch.js';
import { DomainError, invalidParam } from '#src/domain/errors.js';
import { readEmployeeFields, RULES } from './employee-fields.js';
import type { BenefitsParams } from './form-codec.js';
import { optionalChoice, optionalText, requiredText } from './param-rules.js';

const DEPT_CODE = { max: 50 };
const DEPT_NAME = { max: 100 };

/** The raw JSON body the JSON endpoints sign as `_body`; request.invalid_params when absent or not JSON. */
export function jsonBodyOf(params: BenefitsParams): unknown {
  const text = params.get('_body');
  if (text === undefined) throw invalidParam('body', 'must be JSON sent as application/json');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidParam('body', 'is not valid JSON');
  }
}

/**
 * A JSON row as form-style parameters, so it is read by exactly the rules of the form calls: numbers
 * become their decimal text (`"status":1` and `"status":"1"` alike, notes §8), null means not sent,
 * and strings are kept as sent (untrimmed; `""` clears level and category, notes §3.3).
 */
function rowParams(row: unknown): BenefitsParams {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw invalidParam('row', 'must be a JSON object');
  const params = new Map<string, string>();
  for (const [key, value] of Object.entries(row)) {
    if (value === null) continue;
    if (typeof value === 'string') params.set(key, value);
    else if (typeof value === 'number' && Number.isFinite(value)) params.set(key, String(value));
    // The docs double-encode employee_attribute (a JSON string); a plain array says the same.
    else if (key === 'employee_attribute' && Array.isArray(value)) params.set(key, JSON.stringify(value));
    else throw invalidParam(key, 'must be a string or a number');
  }
  return params;
}

function requiredChoice<T extends number>(params: BenefitsParams, name: string, allowed: readonly T[]): T {
  const choice = optionalChoice(params, name, allowed);
  if (choice === undefined) throw invalidParam(name, 'is required');
  return choice;
}

/** Reads each kind's row into the command the worker applies (rules of the matching single call). */
const READERS: { [K in BatchKind]: (p: BenefitsParams) => BatchCommands[K] } = {
  employee_sync(p): EmployeeSyncCommand {
    const fields = readEmployeeFields(p);
    // A row has no allow_simple_pwd, so its password never takes effect (seed 003): checked, not kept.
    delete fields.password;
    delete fields.allowSimplePwd;
    return { userid: optionalText(p, 'userid', RULES.userid), status: requiredChoice(p, 'status', [1, 2] as const), fields };
  },
  department_sync: (p) => ({
    deptCode: requiredText(p, 'dept_code', DEPT_CODE),
    name: requiredText(p, 'name', DEPT_NAME),
    status: optionalChoice(p, 'status', [1, 2] as const),
  }),
  department_parent: (p) => ({ deptCode: requiredText(p, 'dept_code', DEPT_CODE), parentCode: requiredText(p, 'parent_code', DEPT_CODE) }),
  department_manager: (p) => ({ deptCode: requiredText(p, 'dept_code', DEPT_CODE), managerCode: requiredText(p, 'manager_code', RULES.code) }),
};

/**
 * Each row of a batch, numbered from 1, with its compact JSON text (the `service_data` a failure
 * shows) and its command, or the reason it cannot be read: one bad row fails alone.
 */
export function readBatchRows(kind: BatchKind, rows: unknown, listParam: string): BatchRowInput[] {
  if (!Array.isArray(rows)) throw invalidParam(listParam, 'must be a JSON array of rows');
  return rows.map((row: unknown, i) => {
    const base = { rowNo: i + 1, serviceData: JSON.stringify(row) };
    try {
      return { ...base, command: READERS[kind](rowParams(row)) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ...base, failure: { code: error.code, details: { param: error.details.param, rule: error.details.rule } } };
    }
  });
}
