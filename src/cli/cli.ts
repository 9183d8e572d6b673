import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildContainer } from '#src/container.js';
import type { Config } from '#src/config/schema.js';
import { loadConfig } from '#src/config/load.js';
import { DomainError, invalidParam } from '#src/domain/errors.js';
import { openDatabase } from '#src/storage/sql/dialects.js';
import { migrateToLatest } from '#src/storage/sql/migrate.js';
import { ADMIN_COMMANDS } from './admin.commands.js';
import { SQLITE_FILE } from './backup.command.js';
import { integerFlag, optionalFlag, parseFlags } from './args.js';
import { OPS_COMMANDS } from './ops.commands.js';
import { OperatorError } from './ops-errors.js';
import { printResult } from './output.js';
import { serveWithWorkers } from './workers.js';
import { rosterVersion } from './version.js';

const HELP = `roster — employee account and directory service

  roster serve [--port N] [--host H] [--no-demo] [--log-file FILE] [--workers N]
                                                start the HTTP service (env PORT, HOST, DATABASE_URL, ROSTER_DATA_DIR)
  roster migrate                                apply pending database migrations (serve also does, at start)
  roster backup --to FILE [--key-to PATH]       consistent copy of the embedded store while it serves (+ FILE.key)
  roster restore --from FILE [--key-from PATH] [--force]
                                                put a backup in place (refused while a server uses the store)
  roster key rotate | reseal | prune | status   new data key and re-seal; finish a re-seal; forget old keys; counts
  roster --version
  roster company create --name N [--main-phone P --main-name N --main-email E]
                        [--kind group|operator] [--parent GROUP_ID --enterprise-code CODE]
  roster company init ID --main-phone P [--main-name N] [--main-email E]
  roster app create --company ID [--name N] [--rate-limit N] [--sign-type sha1|sha256|sha512]
  roster app create --shared [--name N] [--rate-limit N]
  roster app install --app KEY --company ID     → appId
  roster oa code --company ID --phone P --name N [--email E] [--avatar URL] [--type AUTH_CODE|SESSION_ID] [--user-id U]
  roster dept add --company ID --code C --name N [--parent CODE]
  roster level add --company ID NAME…
  roster category add --company ID NAME…
  roster attribute enable --company ID CODE…
  roster cost-center add --company ID --name N  → costCenterId

Every command takes --json.`;

/** Entry point of the `roster` command; returns the exit code (undefined while serving). */
export async function runCli(argv: string[]): Promise<number | undefined> {
  const [group, verb] = argv;
  const json = argv.includes('--json');
  if (!group || group === '--help' || group === 'help' || group === '-h') {
    console.log(HELP);
    return 0;
  }
  if (group === '--version' || group === '-v' || group === 'version') {
    console.log(json ? JSON.stringify({ version: rosterVersion() }) : `roster ${rosterVersion()}`);
    return 0;
  }
  try {
    if (group === 'serve') {
      const { flags } = parseFlags(argv.slice(1), ['port', 'host', 'log-file', 'workers'], ['no-demo']);
      const port = optionalFlag(flags, 'port') === undefined ? undefined : integerFlag(flags, 'port', 0);
      const config = loadConfig(process.env, { port, host: optionalFlag(flags, 'host'), logFile: optionalFlag(flags, 'log-file') });
      const workers = integerFlag(flags, 'workers', 1);
      if (workers < 1 || workers > 64) throw invalidParam('--workers', 'must be between 1 and 64');
      await serveWithWorkers(config, { demo: flags['no-demo'] !== true && config.nodeEnv !== 'production' }, workers);
      return undefined;
    }
    const ops = OPS_COMMANDS[group] ?? OPS_COMMANDS[`${group} ${verb}`];
    if (ops) {
      const rest = OPS_COMMANDS[group] ? argv.slice(1) : argv.slice(2);
      printResult(await ops(loadConfig(), rest), json);
      return 0;
    }
    if (group === 'migrate') {
      const config = loadConfig();
      const { db, location } = await openDatabase(config);
      const applied = await migrateToLatest(db);
      await db.destroy();
      printResult({ database: location, applied }, json);
      return 0;
    }
    const command = ADMIN_COMMANDS[`${group} ${verb}`];
    if (!command) {
      console.error(`unknown command: roster ${argv.slice(0, 2).join(' ')}\n\n${HELP}`);
      return 2;
    }
    const config = loadConfig();
    warnIfNewStore(config);
    const c = await buildContainer(config);
    try {
      printResult(await command(c, argv.slice(2)), json);
    } finally {
      await c.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof OperatorError) {
      if (json) console.log(JSON.stringify({ error: 'operator', message: error.message }));
      else console.error(`error: ${error.message}`);
      return 1;
    }
    if (error instanceof DomainError) {
      const message = error.details.param ? `${error.details.param} ${error.details.rule ?? ''}`.trim() : error.code;
      if (json) console.log(JSON.stringify({ error: error.code, message }));
      else console.error(`error: ${error.code}${message !== error.code ? ` (${message})` : ''}`);
      return 1;
    }
    throw error;
  }
}

/**
 * An admin command run against a data folder with no store yet creates an empty one: say so (on
 * stderr), so a command run from the wrong place or with a mistyped ROSTER_DATA_DIR is noticed.
 */
function warnIfNewStore(config: Config): void {
  if (config.databaseUrl || existsSync(join(config.dataDir, SQLITE_FILE))) return;
  console.error(`note: no store in ${config.dataDir}; creating a new, empty one (set ROSTER_DATA_DIR to use another)`);
}
