import { sql, type Kysely, type Selectable } from 'kysely';
import type { Company, CompanyKind } from '#src/domain/company.js';
import type { TenantRepository } from '#src/domain/ports.js';
import { guardUnique } from './conflicts.js';
import { runReusable } from './reusable-query.js';
import type { CompanyRow, Database } from './tables.js';

export function companyRowToCompany(row: Selectable<CompanyRow>): Company {
  return {
    companyId: row.company_id,
    companyName: row.company_name,
    mainPk: row.main_pk,
    mainIdentityId: row.main_identity_id,
    mainEmployeeId: row.main_employee_id,
    kind: row.kind as CompanyKind,
    parentCompanyId: row.parent_company_id,
    enterpriseCode: row.enterprise_code,
    employeeCount: Number(row.employee_count),
    deletedCount: Number(row.deleted_count ?? 0),
    createdAt: Number(row.created_at),
  };
}

export function createTenantRepository(db: Kysely<Database>): TenantRepository {
  return {
    async hasAnyCompany() {
      return (await db.selectFrom('companies').select('company_id').limit(1).executeTakeFirst()) !== undefined;
    },
    async getCompany(companyId) {
      const [row] = await runReusable(db, 'companies.by.id', [companyId], (id) =>
        db.selectFrom('companies').selectAll().where('company_id', '=', id!),
      );
      return row ? companyRowToCompany(row) : undefined;
    },
    async insertCompany(c) {
      await guardUnique(() =>
        db
          .insertInto('companies')
          .values({
            company_id: c.companyId,
            company_name: c.companyName,
            main_pk: c.mainPk,
            main_identity_id: c.mainIdentityId,
            main_employee_id: c.mainEmployeeId,
            kind: c.kind,
            parent_company_id: c.parentCompanyId,
            enterprise_code: c.enterpriseCode,
            employee_count: c.employeeCount,
            created_at: c.createdAt,
          })
          .execute(),
      );
    },
    async setMainAccount(companyId, identityId, employeeId) {
      const r = await db
        .updateTable('companies')
        .set({ main_identity_id: identityId, main_employee_id: employeeId })
        .where('company_id', '=', companyId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async findMember(parentCompanyId, enterpriseCode) {
      const row = await db
        .selectFrom('companies')
        .selectAll()
        .where('parent_company_id', '=', parentCompanyId)
        .where('enterprise_code', '=', enterpriseCode)
        .executeTakeFirst();
      return row ? companyRowToCompany(row) : undefined;
    },
    async nextEmployeeSeq(companyId) {
      // The row lock this update takes serializes employee creation per company on PostgreSQL;
      // on SQLite the write transaction already does.
      const [row] = await runReusable(db, 'companies.next_seq', [companyId], (id) =>
        db
          .updateTable('companies')
          .set({ employee_count: sql<number>`employee_count + 1` })
          .where('company_id', '=', id!)
          .returning('employee_count'),
      );
      if (!row) throw new Error(`no company ${companyId} to reserve an employee position in`);
      return Number(row.employee_count);
    },
    async listMembers(parentCompanyId) {
      const rows = await db.selectFrom('companies').selectAll().where('parent_company_id', '=', parentCompanyId).orderBy('enterprise_code').execute();
      return rows.map(companyRowToCompany);
    },
  };
}
