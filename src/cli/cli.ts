import { buildContainer } from '#src/container.js';
import { loadConfig } from '#src/config/load.js';
import { DomainError } from '#src/domain/errors.js';
import { openDatabase } from '#src/storage/sql/dialects.js';
import { migrateToLatest } from '#src/storage/sql/migrate.js';
import { ADMIN_COMMANDS } from './admin.commands.js';
import { ADMIN_TOKEN_COMMANDS } from './admin-token.commands.js';
import { integerFlag, optionalFlag, parseFlags } from './args.js';
import { printResult } from './output.js';
import { serveCommand } from './serve.command.js';

const HELP = `roster — employee account and directory service

  roster serve [--port N] [--host H]            start the HTTP service (env PORT, HOST, DATABASE_URL, ROSTER_DATA_DIR)
  roster migrate                                apply pending database migrations
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
  roster admin token create [--company ID] [--name N]   → {token} (shown once; for the admin API)
  roster admin token revoke TOKEN_ID | roster admin token list

Every command takes --json.`;

/** Entry point of the `roster` command; returns the exit code (undefined while serving). */
export async function runCli(argv: string[]): Promise<number | undefined> {
  const [group, verb] = argv;
  const json = argv.includes('--json');
  if (!group || group === '--help' || group === 'help' || group === '-h') {
    console.log(HELP);
    return 0;
  }
  try {
    if (group === 'serve') {
      const { flags } = parseFlags(argv.slice(1), ['port', 'host']);
      const port = optionalFlag(flags, 'port') === undefined ? undefined : integerFlag(flags, 'port', 0);
      await serveCommand(loadConfig(process.env, { port, host: optionalFlag(flags, 'host') }));
      return undefined;
    }
    if (group === 'migrate') {
      const config = loadConfig();
      const { db, location } = await openDatabase(config);
      const applied = await migrateToLatest(db);
      await db.destroy();
      printResult({ database: location, applied }, json);
      return 0;
    }
    const command = ADMIN_COMMANDS[`${group} ${verb}`] ?? ADMIN_TOKEN_COMMANDS[`${group} ${verb}`];
    if (!command) {
      console.error(`unknown command: roster ${argv.slice(0, 2).join(' ')}\n\n${HELP}`);
      return 2;
    }
    const c = await buildContainer(loadConfig());
    try {
      printResult(await command(c, argv.slice(2)), json);
    } finally {
      await c.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      const message = error.details.param ? `${error.details.param} ${error.details.rule ?? ''}`.trim() : error.code;
      if (json) console.log(JSON.stringify({ error: error.code, message }));
      else console.error(`error: ${error.code}${message !== error.code ? ` (${message})` : ''}`);
      return 1;
    }
    throw error;
  }
}
