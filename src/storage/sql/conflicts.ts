import { ConflictError } from '#src/domain/ports.js';

// SQLite names the columns of a violated unique index, not the index; PostgreSQL names the index.
// This table is the bridge, so services can match on one name whatever the engine.
const SQLITE_COLUMNS_TO_CONSTRAINT: Record<string, string> = {
  'employees.company_id, employees.phone_e164': 'employees_phone_uq',
  'employees.company_id, employees.email_key': 'employees_email_uq',
  'employees.company_id, employees.work_number_key': 'employees_work_number_uq',
  'employees.company_id, employees.userid': 'employees_userid_uq',
  'employees.company_id, employees.oa_user_id': 'employees_oa_user_uq',
  'employees.company_id, employees.identity_id': 'employees_identity_uq',
  'employees.company_id, employees.seq': 'employees_seq_uq',
  'employees.company_id, employees.employee_id': 'employees_pk',
  'departments.company_id, departments.dept_code': 'departments_pk',
  'departments.company_id, departments.parent_code, departments.name': 'departments_sibling_name_uq',
  'companies.parent_company_id, companies.enterprise_code': 'companies_parent_enterprise_code_uq',
  'cost_centers.company_id, cost_centers.cost_center_id': 'cost_centers_pk',
  'nonces.app_key, nonces.nonce': 'nonces_pk',
  'oa_codes.code_hash': 'oa_codes_pkey',
  'employee_oa_links.company_id, employee_oa_links.connector_id, employee_oa_links.subject': 'employee_oa_links_pk',
  'oa_connectors.connector_id': 'oa_connectors_pkey',
  'iot_session_tokens.iot_token_hash': 'iot_session_tokens_pkey',
};

/** Turns a unique-violation from either driver into a neutral ConflictError; rethrows anything else. */
export function asConflict(error: unknown): ConflictError | undefined {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23505' && e.constraint) return new ConflictError(e.constraint);
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = /constraint failed: (.*)$/.exec(e.message ?? '')?.[1] ?? '';
    return new ConflictError(SQLITE_COLUMNS_TO_CONSTRAINT[columns] ?? columns);
  }
  return undefined;
}

/** Runs a write and converts unique violations into ConflictError. */
export async function guardUnique<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw asConflict(error) ?? error;
  }
}
