import type { ColumnType } from 'kysely';

/**
 * Row shapes as stored: snake_case, booleans as 0/1 and times as epoch ms so one schema serves
 * SQLite and PostgreSQL alike. These types never leave storage/; mappers turn them into domain objects.
 */
export interface CompanyRow {
  company_id: string;
  company_name: string;
  main_pk: string;
  main_identity_id: string | null;
  main_employee_id: string | null;
  kind: string;
  parent_company_id: string | null;
  enterprise_code: string | null;
  employee_count: number;
  /** Employees deleted so far: the live total is employee_count − deleted_count (migration 0012). */
  deleted_count: ColumnType<number, number | undefined, number>;
  created_at: number;
}

export interface AppRow {
  app_key: string;
  app_secret_enc: string;
  name: string;
  kind: string;
  company_id: string | null;
  rate_limit: number;
  sign_type: string;
  created_at: number;
  /** The OA connector the app's sign-ins go through; null: the company's only connector. */
  oa_connector_id: string | null;
  /** Live IoT sessions allowed per identity (1: a new sign-in ends the older session). */
  max_sessions: number;
  /** Set while the app is disabled (0010). */
  disabled_at?: number | null;
  /** The secret before the last rotation, accepted until `previous_secret_until` (0010). */
  previous_secret_enc?: string | null;
  previous_secret_until?: number | null;
}

export interface AppInstallationRow {
  app_id: string;
  app_key: string;
  company_id: string;
  created_at: number;
}

export interface EmployeeRow {
  company_id: string;
  employee_id: string;
  seq: number;
  identity_id: string;
  account_id: string;
  oa_user_id: string | null;
  userid: string | null;
  work_number: string | null;
  work_number_key: string | null;
  name: string;
  login_name: string | null;
  phone_raw: string | null;
  phone_e164: string | null;
  mobile_area: string | null;
  email: string | null;
  email_key: string | null;
  avatar_url: string | null;
  is_admin: number;
  is_main: number;
  role_code: string | null;
  role_name: string | null;
  creator: string | null;
  modifier: string | null;
  gender: number | null;
  remark: string | null;
  dept_code: string | null;
  level: string | null;
  categories: string | null;
  birth_day: string | null;
  entry_day: string | null;
  card_type: number | null;
  card_no_enc: string | null;
  password_hash: string | null;
  attributes: string | null;
  cost_center_id: number | null;
  send_invite: number;
  resign_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface DepartmentRow {
  company_id: string;
  dept_code: string;
  name: string;
  parent_code: string | null;
  status: number;
  manager_userid: string | null;
  is_root: number;
  created_at: number;
}

export interface NamedSettingRow {
  company_id: string;
  name: string;
  created_at: number;
}

export interface CostCenterRow {
  company_id: string;
  cost_center_id: number;
  name: string;
  created_at: number;
}

export interface OaCodeRow {
  code_hash: string;
  company_id: string;
  code_type: string;
  profile: string;
  expires_at: number;
  used_at: number | null;
}

export interface NonceRow {
  app_key: string;
  nonce: string;
  expires_at: number;
}

export interface AccessTokenRow {
  token_hash: string;
  app_key: string;
  expires_at: number;
}

/** One app's `/token/create` budget: how many tokens it got since `window_start` (epoch ms). */
export interface TokenIssuanceRow {
  app_key: string;
  window_start: number;
  issued: number;
}

/** A sign of a mutating benefits call, remembered while its timestamp could still be accepted. */
export interface BenefitsSignRow {
  app_key: string;
  sign: string;
  expires_at: number;
}

/** How many departments a company has below its root: the counter its cap is taken from. */
export interface DepartmentCountRow {
  company_id: string;
  departments: number;
}

export interface InvitationRow {
  company_id: string;
  invitation_id: string;
  employee_id: string;
  created_at: number;
  sent_at: number | null;
}

export interface BatchJobRow {
  batch_number: string;
  app_key: string;
  company_id: string;
  enterprise_code: string | null;
  kind: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  created_at: number;
  finished_at: number | null;
}

export interface BatchJobRowRow {
  batch_number: string;
  row_no: number;
  /** `pending`, then `done` or `failed` exactly once. */
  state: string;
  command_enc: string | null;
  service_data_enc: string | null;
  error_code: string | null;
  error_param: string | null;
  error_rule: string | null;
}

export interface OaConnectorRow {
  connector_id: string;
  company_id: string;
  kind: string;
  name: string;
  /** The kind's JSON config, sealed with the data key (it holds client secrets). */
  config_enc: string;
  created_at: number;
  updated_at: number;
}

export interface EmployeeOaLinkRow {
  company_id: string;
  connector_id: string;
  subject: string;
  employee_id: string;
  created_at: number;
}

export interface IotSessionRow {
  session_id: string;
  company_id: string;
  employee_id: string;
  identity_id: string;
  app_key: string;
  created_at: number;
  revoked_at: number | null;
}

export interface IotSessionTokenRow {
  iot_token_hash: string;
  refresh_token_hash: string;
  session_id: string;
  iot_expires_at: number;
  refresh_expires_at: number;
  rotated_at: number | null;
  created_at: number;
}

/** An operator token of the admin API (0010); the token itself is never stored. */
export interface AdminTokenRow {
  token_id: string;
  token_hash: string;
  name: string;
  company_id: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** One change made through the admin API (0010): field names only, never their values. */
export interface AuditEventRow {
  event_id: string;
  company_id: string | null;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string | null;
  changed_fields: string;
  at: number;
}

/** A console session of a company admin (0010); the cookie value is stored only hashed. */
export interface AdminSessionRow {
  session_hash: string;
  company_id: string;
  employee_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  /** An operator's console session: the token it acts as (migration 0014); null for a company admin's. */
  operator_token_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A console sign-in through an OA waiting for its callback (migration 0014). */
export interface AdminOaSignInRow {
  state_hash: string;
  company_id: string;
  connector_id: string;
  code_verifier: string;
  nonce: string;
  created_at: number;
  expires_at: number;
}

/** Failed console sign-ins of one login (0010). */
export interface AdminSignInFailureRow {
  company_id: string;
  login_key: string;
  failures: number;
  first_failure_at: number;
}

export interface Database {
  companies: CompanyRow;
  apps: AppRow;
  app_installations: AppInstallationRow;
  employees: EmployeeRow;
  departments: DepartmentRow;
  levels: NamedSettingRow;
  categories: NamedSettingRow;
  enabled_attributes: NamedSettingRow;
  cost_centers: CostCenterRow;
  oa_codes: OaCodeRow;
  nonces: NonceRow;
  access_tokens: AccessTokenRow;
  token_issuance: TokenIssuanceRow;
  benefits_signs: BenefitsSignRow;
  department_counts: DepartmentCountRow;
  invitations: InvitationRow;
  batch_jobs: BatchJobRow;
  batch_job_rows: BatchJobRowRow;
  oa_connectors: OaConnectorRow;
  employee_oa_links: EmployeeOaLinkRow;
  iot_sessions: IotSessionRow;
  iot_session_tokens: IotSessionTokenRow;
  admin_tokens: AdminTokenRow;
  audit_events: AuditEventRow;
  admin_sessions: AdminSessionRow;
  admin_oa_sign_ins: AdminOaSignInRow;
  admin_sign_in_failures: AdminSignInFailureRow;
  employee_deletions: EmployeeDeletionRow;
  employee_imports: EmployeeImportRow;
  employee_import_chunks: EmployeeImportChunkRow;
  employee_import_rows: EmployeeImportRowRow;
}

/** How many employees of one block of creation-order positions were deleted (migration 0012). */
export interface EmployeeDeletionRow {
  company_id: string;
  block: number;
  deleted: number;
}

/** A bulk employee import job (migration 0013). */
export interface EmployeeImportRow {
  import_id: string;
  company_id: string;
  status: string;
  dry_run: number;
  format: string;
  file_name: string | null;
  file_bytes: number;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error: string | null;
  actor_id: string;
  actor_name: string;
  created_at: number;
  finished_at: number | null;
}

/** A piece of an import's uploaded file, sealed with the data key. */
export interface EmployeeImportChunkRow {
  import_id: string;
  chunk_no: number;
  data_enc: string;
}

/** One data row's outcome. */
export interface EmployeeImportRowRow {
  import_id: string;
  row_no: number;
  outcome: string;
  employee_id: string | null;
  code: number | null;
  message: string | null;
}
