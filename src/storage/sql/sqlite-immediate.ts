import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver } from 'kysely';

/**
 * Kysely's SQLite driver opens transactions with a plain (deferred) `BEGIN`: the write lock is taken
 * at the first write, and a transaction that read before that cannot wait for another process's
 * write to finish — SQLite fails it at once (`database is locked` / SQLITE_BUSY_SNAPSHOT) instead of
 * honouring busy_timeout. `BEGIN IMMEDIATE` takes the write lock up front, where busy_timeout applies,
 * so the CLI and one or more servers can share one file.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite's DDL is transactional, but Kysely's adapter says it is not, so its migrator runs without a
 * transaction and without a lock (it assumes one process owns the file): two processes starting on
 * a fresh file both applied 0001 and one failed "table already exists". Saying so makes the migrator
 * run in a transaction — `BEGIN IMMEDIATE`, see above — so one process migrates while the others wait
 * and then find nothing pending.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** SqliteDialect whose transactions begin with `BEGIN IMMEDIATE` and whose migrations run in one. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
