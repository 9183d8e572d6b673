import type { Kysely } from 'kysely';
import type { Repositories, Store } from '#src/domain/ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import type { AdminRepositories } from '#src/domain/admin-ports.js';
import { createAdminRepositories } from './admin.store.js';
import { createAppRepository } from './app.repository.js';
import { createAuditRepository } from './audit.repository.js';
import { createBatchRepository } from './batch.repository.js';
import { createCredentialRepository } from './credential.repository.js';
import { createEmployeeRepository } from './employee.repository.js';
import { batchedEmployeeReads, type BatchedEmployeeReads } from './employee-read-batches.js';
import { rememberDeletionCountsOn } from './employee-more.repository.js';
import { createEmployeeImportRepository } from './employee-import.repository.js';
import { createGroupCommitter, type GroupCommitOptions, type TransactionStats } from './group-commit.js';
import { createOperatorTokenRepository } from './operator-token.repository.js';
import { createOaConnectorRepository, createOaLinkRepository } from './oa-connector.repository.js';
import { createSessionRepository } from './session.repository.js';
import { batchedSightings } from './sighting-batches.js';
import { createSetupRepository } from './setup.repository.js';
import type { Database } from './tables.js';
import { createTenantRepository } from './tenant.repository.js';

function repositoriesOver(db: Kysely<Database>, cipher: DataCipher, batched?: BatchedEmployeeReads): Repositories {
  let admin: AdminRepositories | undefined;
  return {
    // Built when first used: few transactions are admin changes.
    get admin() {
      return (admin ??= createAdminRepositories(db, cipher));
    },
    tenants: createTenantRepository(db),
    apps: createAppRepository(db, cipher),
    credentials: createCredentialRepository(db),
    employees: (companyId) => createEmployeeRepository(db, companyId, cipher, batched),
    setup: (companyId) => createSetupRepository(db, companyId),
    batches: createBatchRepository(db, cipher),
    oaConnectors: createOaConnectorRepository(db, cipher),
    oaLinks: (companyId) => createOaLinkRepository(db, companyId),
    sessions: createSessionRepository(db),
    audit: createAuditRepository(db),
    operatorTokens: createOperatorTokenRepository(db),
    imports: createEmployeeImportRepository(db, cipher),
  };
}

export interface SqlStoreOptions {
  /**
   * Group commit (single-connection engines, SQLite): concurrent transactions share one COMMIT, each
   * in its own savepoint. With a pool (PostgreSQL) each transaction commits on its own connection.
   */
  groupCommit?: boolean | GroupCommitOptions;
  /**
   * Pooled engines (PostgreSQL): the nonce and sign writes of concurrent requests share one multi-row
   * statement and commit (sighting-batches.ts), and their one-employee reads, lookups by userid and list
   * pages outside a transaction one statement of each kind (employee-read-batches.ts).
   */
  batchSightings?: boolean;
  /** Where the batched statements run (dialects.ts `batchDb`); `db` when not given. Closed with the store. */
  batchDb?: Kysely<Database> | undefined;
}

/** A Store that also tells how many commits its transactions took. */
export interface SqlStore extends Store {
  /** Live counters: transactions run and COMMITs issued (equal without group commit). */
  readonly stats: TransactionStats;
}

/** The SQL store: the same repositories outside a transaction and bound to one inside it. */
export function createSqlStore(db: Kysely<Database>, cipher: DataCipher, options: SqlStoreOptions = {}): SqlStore {
  rememberDeletionCountsOn(db);
  const batchDb = options.batchDb ?? db;
  const repos = repositoriesOver(db, cipher, options.batchSightings ? batchedEmployeeReads(batchDb) : undefined);
  const close = async () => {
    if (batchDb !== db) await batchDb.destroy();
    await db.destroy();
  };
  if (options.groupCommit) {
    const committer = createGroupCommitter(db, options.groupCommit === true ? {} : options.groupCommit);
    // Every signed request writes its nonce (IoT) or sign (benefits) before anything else, outside any
    // transaction: on their own these are one commit per request, reads included. They join the groups
    // too, settling after the shared COMMIT like any unit, so a replay is refused exactly as before.
    // One repository per group's connection, not one per write.
    const bound = new WeakMap<Kysely<Database>, ReturnType<typeof createCredentialRepository>>();
    const inGroup = (conn: Kysely<Database>) => {
      let repo = bound.get(conn);
      if (!repo) bound.set(conn, (repo = createCredentialRepository(conn)));
      return repo;
    };
    repos.credentials = {
      ...repos.credentials,
      rememberNonce: (...args) => committer.runStatement((conn) => inGroup(conn).rememberNonce(...args)),
      rememberSign: (...args) => committer.runStatement((conn) => inGroup(conn).rememberSign(...args)),
    };
    return {
      repos,
      stats: committer.stats,
      transaction: (work) => committer.run((conn) => work(repositoriesOver(conn, cipher))),
      close,
    };
  }
  const stats: TransactionStats = { transactions: 0, commits: 0 };
  // The nonce and sign writes run on their own (autocommit): one commit each, counted as such so that
  // the commits per request compare honestly with the grouped engine.
  const counted = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    stats.transactions++;
    const value = await write(...args);
    stats.commits++;
    return value;
  };
  const plain = repos.credentials;
  if (options.batchSightings) {
    // Each request's write is a transaction; each batch's statement is one commit.
    const commit = () => void stats.commits++;
    const nonces = batchedSightings(batchDb, 'nonces', commit);
    const signs = batchedSightings(batchDb, 'benefits_signs', commit);
    const asked = (remember: typeof nonces): typeof nonces => (...args) => {
      stats.transactions++;
      return remember(...args);
    };
    repos.credentials = { ...plain, rememberNonce: asked(nonces), rememberSign: asked(signs) };
  } else {
    repos.credentials = { ...plain, rememberNonce: counted(plain.rememberNonce), rememberSign: counted(plain.rememberSign) };
  }
  return {
    repos,
    stats,
    async transaction(work) {
      stats.transactions++;
      const value = await db.transaction().execute((trx) => work(repositoriesOver(trx, cipher)));
      stats.commits++;
      return value;
    },
    close,
  };
}
