import { buildContainer } from '#src/container.js';
import { loadConfig } from '#src/config/load.js';
import { RosterAdminError } from '@roster/admin-sdk';
import { DomainError, invalidParam } from '#src/domain/errors.js';
import { openDatabase } from '#src/storage/sql/dialects.js';
import { migrateToLatest } from '#src/storage/sql/migrate.js';
import { DEV_OA_COMMANDS } from './dev-oa.commands.js';
import { warnIfNewStore } from './new-store-warning.js';
import { OA_COMMANDS } from './oa.commands.js';
import { ADMIN_TOKEN_COMMANDS } from './admin-token.commands.js';
import { ADMIN_PASSWORD_COMMANDS } from './admin-password.command.js';
import { OA_CONNECTOR_COMMANDS } from './oa-connector.commands.js';
import { runSdkCommand } from './sdk-command.js';
import { commandHelp } from './command-help.js';
import { SDK_COMMANDS } from './directory.commands.js';
import { IMPORT_COMMANDS } from './import.commands.js';
import { SETUP_COMMANDS } from './setup.commands.js';
import { adminErrorBody } from '#src/edge/admin/error-map.js';
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
  roster app create --company ID --oa CONNECTOR_ID [--sessions N]   (N live IoT sessions per user; default 1)
  roster app install --app KEY --company ID     → appId
  roster app set-oa --app KEY --connector ID    the app's sign-ins go through this connector
  roster oa connector add --company ID --kind dingtalk|wecom|feishu|oidc|dev --config JSON [--name N]  → connectorId
  roster oa connector list --company ID         (secrets are never printed)
  roster oa connector test --connector ID       fetches the app token or discovery document
  roster oa connector update --connector ID --config JSON [--name N]   (keeps the id and the employees' links)
  roster oa connector remove --connector ID
  roster session revoke --employee ID [--company ID]   ends the employee's IoT sessions
  roster oa code --company ID --phone P --name N [--email E] [--avatar URL] [--type AUTH_CODE|SESSION_ID] [--user-id U]
  roster dept add --company ID --code C --name N [--parent CODE]
  roster level add --company ID NAME…
  roster category add --company ID NAME…
  roster attribute enable --company ID CODE…
  roster cost-center add --company ID --name N  → costCenterId
  roster admin token create [--company ID] [--name N]   → {token} (shown once; for the admin API)
  roster admin token revoke TOKEN_ID | roster admin token list
  roster admin password set --company ID --password P [--userid U]   console password of the main account
                                                (or of that employee, made a company admin)

All but serve, migrate, admin token, oa code and session revoke go through the admin API (remote with --url/--token
or ROSTER_URL/ROSTER_TOKEN, else in-process on the local store). Also:
  roster company list
  roster employee add|update|list|get|resign|restore|delete --company ID …
  roster employee import --company ID --file F [--dry-run]      CSV/XLSX bulk import, waits for the result
  roster employee export --company ID --format csv|xlsx --out F  the (filtered) list as a file
  roster app list [--company ID] | app rotate --app KEY [--overlap S] | app disable|enable --app KEY

roster help <command> (or <command> --help) shows a command's flags and examples.

Every command takes --json.`;

/** Entry point of the `roster` command; returns the exit code (undefined while serving). */
export async function runCli(argv: string[]): Promise<number | undefined> {
  const [group, verb] = argv;
  const json = argv.includes('--json');
  if (!group || group === '--help' || group === 'help' || group === '-h') {
    const asked = group === 'help' ? argv.slice(1).filter((a) => !a.startsWith('-')).join(' ') : '';
    console.log((asked && commandHelp(asked)) || HELP);
    return 0;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    const help = commandHelp(argv.filter((a) => !a.startsWith('-')).slice(0, 3).join(' ')) ?? commandHelp(`${group} ${verb}`);
    console.log(help ?? HELP);
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
    const key = `${group} ${verb}`;
    const sdkCommand = SDK_COMMANDS[key] ?? SETUP_COMMANDS[key] ?? IMPORT_COMMANDS[key] ?? ADMIN_PASSWORD_COMMANDS[key] ?? OA_CONNECTOR_COMMANDS[key];
    if (sdkCommand) {
      printResult(await runSdkCommand(sdkCommand, argv.slice(2), process.env), json);
      return 0;
    }
    const command = DEV_OA_COMMANDS[`${group} ${verb}`] ?? ADMIN_TOKEN_COMMANDS[`${group} ${verb}`] ?? OA_COMMANDS[`${group} ${verb}`];
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
    const failure = failureOf(error);
    if (!failure) throw error;
    if (json) console.log(JSON.stringify({ error: failure.code, message: failure.message }));
    else console.error(`error: ${failure.message} [${failure.code}]`);
    return 1;
  }
}

/** A refusal (ours or the admin API's) as its catalogue code and a human message; undefined for a crash. */
function failureOf(error: unknown): { code: string; message: string } | undefined {
  if (error instanceof DomainError) {
    // A broken parameter rule says which parameter and rule, without the generic sentence before it.
    const said = [error.details.param, error.details.rule].filter(Boolean).join(' ');
    if (error.code === 'request.invalid_params' && said) return { code: error.code, message: said };
    return { code: error.code, message: adminErrorBody(error.code, error.details).body.message };
  }
  if (error instanceof RosterAdminError) {
    const said = [error.details?.param, error.details?.rule].filter(Boolean).join(' ');
    return { code: error.code, message: error.code === 'request.invalid_params' && said ? said : error.message };
  }
  return undefined;
}
