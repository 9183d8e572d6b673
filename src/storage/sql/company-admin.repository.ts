import type { Kysely } from 'kysely';
import type { CompanyAdminRepository } from '#src/domain/admin-ports.js';
import type { Database } from './tables.js';
import { companyRowToCompany } from './tenant.repository.js';

/** Companies for operators: a keyset walk in creation order, and renames. */
export function createCompanyAdminRepository(db: Kysely<Database>): CompanyAdminRepository {
  return {
    async list(after, limit, only = {}) {
      let q = db.selectFrom('companies').selectAll();
      if (only.onlyId !== undefined) q = q.where('company_id', '=', only.onlyId);
      if (only.parentId !== undefined) q = q.where('parent_company_id', '=', only.parentId);
      if (after) {
        q = q.where((eb) =>
          eb.or([
            eb('created_at', '>', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('company_id', '>', after.companyId)]),
          ]),
        );
      }
      const rows = await q.orderBy('created_at').orderBy('company_id').limit(limit).execute();
      return rows.map(companyRowToCompany);
    },
    async rename(companyId, name) {
      const r = await db.updateTable('companies').set({ company_name: name }).where('company_id', '=', companyId).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
