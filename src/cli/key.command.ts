import type { Config } from '#src/config/schema.js';
import { join } from 'node:path';
import { createKeyringSource, readKeyLines, RETIRED_KEYS_FILE, rotateKeyFiles, writeFileAtomic } from '#src/storage/crypto/keyring.js';
import { createKeyringCipher } from '#src/storage/crypto/keyring-cipher.js';
import { countStale, resealAll } from '#src/storage/crypto/rewrap.js';
import { openDatabase } from '#src/storage/sql/dialects.js';
import { migrateToLatest } from '#src/storage/sql/migrate.js';
import { parseFlags } from './args.js';
import { OperatorError } from './ops-errors.js';

async function withStore<T>(config: Config, work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const { db } = await openDatabase(config);
  try {
    await migrateToLatest(db);
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const cipherFor = (config: Config) => createKeyringCipher(createKeyringSource(config.dataKey, config.dataKeysRetired, config.dataDir));

/** Re-seals whatever is not under the active key and reports what is left (normally nothing). */
async function reseal(config: Config) {
  const cipher = cipherFor(config);
  return withStore(config, async (db) => {
    const resealed = await resealAll(db, cipher);
    return { activeKeyId: cipher.activeKeyId(), resealed, remaining: await countStale(db, cipher.activeKeyId()) };
  });
}

/**
 * `roster key rotate | reseal | prune | status`. `rotate` makes a new active key in the data folder (the old
 * one is kept in `data.keys.retired`) and re-seals every app secret and identity number under it
 * while servers keep serving: they notice the new `data.key` on their next write and read values
 * sealed under either key. `reseal` finishes an interrupted rotation (or one done by changing
 * ROSTER_DATA_KEY); `status` counts the values still under older keys.
 */
export const KEY_COMMANDS: Record<string, (config: Config, argv: string[]) => Promise<Record<string, unknown>>> = {
  async 'key rotate'(config, argv) {
    parseFlags(argv, []);
    if (config.dataKey) {
      throw new OperatorError(
        'the data key comes from ROSTER_DATA_KEY: move it to ROSTER_DATA_KEYS_RETIRED, set a new ROSTER_DATA_KEY, restart each process, then run roster key reseal (docs/deploy.md)',
      );
    }
    const { previousId } = rotateKeyFiles(config.dataDir);
    return { previousKeyId: previousId, ...(await reseal(config)) };
  },
  async 'key reseal'(config, argv) {
    parseFlags(argv, []);
    return reseal(config);
  },
  /** Forgets the retired keys once no value in the store needs them (backups carry their own key file). */
  async 'key prune'(config, argv) {
    parseFlags(argv, []);
    const cipher = cipherFor(config);
    const stale = await withStore(config, (db) => countStale(db, cipher.activeKeyId()));
    if (stale.appSecrets + stale.idNumbers + stale.importFileChunks > 0) {
      throw new OperatorError(
        `${stale.appSecrets} app secrets, ${stale.idNumbers} identity numbers and ${stale.importFileChunks} import file pieces are still under older keys: run roster key reseal first`,
      );
    }
    if (config.dataKey) return { pruned: [], note: 'keys come from the environment: remove ROSTER_DATA_KEYS_RETIRED yourself' };
    const file = join(config.dataDir, RETIRED_KEYS_FILE);
    const pruned = readKeyLines(file).length;
    writeFileAtomic(file, '');
    return { activeKeyId: cipher.activeKeyId(), prunedKeys: pruned };
  },
  async 'key status'(config, argv) {
    parseFlags(argv, []);
    const source = createKeyringSource(config.dataKey, config.dataKeysRetired, config.dataDir);
    const keyring = source.current();
    return withStore(config, async (db) => ({
      keySource: source.kind === 'config' ? 'ROSTER_DATA_KEY' : config.dataDir,
      activeKeyId: keyring.activeId,
      keyIds: [...keyring.keys.keys()],
      underOlderKeys: await countStale(db, keyring.activeId),
    }));
  },
};
