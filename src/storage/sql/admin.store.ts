import type { Kysely } from 'kysely';
import type { AdminRepositories } from '#src/domain/admin-ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import { createAdminSessionRepository } from './admin-session.repository.js';
import { createAppAdminRepository } from './app-admin.repository.js';
import { createAuditRepository } from './audit.repository.js';
import { createCompanyAdminRepository } from './company-admin.repository.js';
import { createEmployeeListRepository } from './employee-list.repository.js';
import { createOperatorTokenRepository } from './operator-token.repository.js';
import type { Database } from './tables.js';

/** The admin API's repositories over the same database as the dialects' store. */
export function createAdminRepositories(db: Kysely<Database>, cipher: DataCipher): AdminRepositories {
  return {
    tokens: createOperatorTokenRepository(db),
    companies: createCompanyAdminRepository(db),
    apps: createAppAdminRepository(db, cipher),
    employees: createEmployeeListRepository(db, cipher),
    audit: createAuditRepository(db),
    sessions: createAdminSessionRepository(db),
    costCenters: {
      async list(companyId) {
        const rows = await db.selectFrom('cost_centers').select(['cost_center_id', 'name']).where('company_id', '=', companyId).orderBy('name').orderBy('cost_center_id').execute();
        return rows.map((r) => ({ costCenterId: Number(r.cost_center_id), name: r.name }));
      },
    },
  };
}
