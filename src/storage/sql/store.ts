import type { Kysely } from 'kysely';
import type { Repositories, Store } from '#src/domain/ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import { createAppRepository } from './app.repository.js';
import { createBatchRepository } from './batch.repository.js';
import { createCredentialRepository } from './credential.repository.js';
import { createEmployeeRepository } from './employee.repository.js';
import { createOaConnectorRepository, createOaLinkRepository } from './oa-connector.repository.js';
import { createSessionRepository } from './session.repository.js';
import { createSetupRepository } from './setup.repository.js';
import type { Database } from './tables.js';
import { createTenantRepository } from './tenant.repository.js';

function repositoriesOver(db: Kysely<Database>, cipher: DataCipher): Repositories {
  return {
    tenants: createTenantRepository(db),
    apps: createAppRepository(db, cipher),
    credentials: createCredentialRepository(db),
    employees: (companyId) => createEmployeeRepository(db, companyId, cipher),
    setup: (companyId) => createSetupRepository(db, companyId),
    batches: createBatchRepository(db, cipher),
    oaConnectors: createOaConnectorRepository(db, cipher),
    oaLinks: (companyId) => createOaLinkRepository(db, companyId),
    sessions: createSessionRepository(db),
  };
}

/** The SQL store: the same repositories outside a transaction and bound to one inside it. */
export function createSqlStore(db: Kysely<Database>, cipher: DataCipher): Store {
  return {
    repos: repositoriesOver(db, cipher),
    transaction: (work) => db.transaction().execute((trx) => work(repositoriesOver(trx, cipher))),
    close: () => db.destroy(),
  };
}
