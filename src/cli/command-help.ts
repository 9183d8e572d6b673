/** Per-command help: what `roster help <command>` and `roster <command> --help` print. */
interface CommandHelp {
  usage: string;
  about: string;
  examples: string[];
}

const TARGET = 'Reaches a remote Roster with --url URL --token TOKEN (or ROSTER_URL, ROSTER_TOKEN); without them it works on the local store.';

export const COMMAND_HELP: Record<string, CommandHelp> = {
  'company list': {
    usage: 'roster company list [--url U --token T] [--json]',
    about: `Every company the token may see, in creation order. ${TARGET}`,
    examples: ['roster company list --json', 'ROSTER_URL=https://roster.example ROSTER_TOKEN=rst_… roster company list'],
  },
  'employee add': {
    usage: 'roster employee add --company ID --name N [--mobile M] [--email E] [--userid U] [--dept CODE] [--work-number W] [--level L] [--gender 1|2|3] [--json]',
    about: `Adds an employee (to the root department unless --dept). Phone, email, work number and userid are unique in the company. ${TARGET}`,
    examples: ['roster employee add --company 0A1B… --name "Bo" --mobile 13700137000 --userid bo --json'],
  },
  'employee update': {
    usage: 'roster employee update --company ID --userid U [--name N] [--mobile M] [--email E] [--dept CODE] … [--json]',
    about: `Changes the given fields of the employee with this userid. ${TARGET}`,
    examples: ['roster employee update --company 0A1B… --userid bo --dept RD'],
  },
  'employee list': {
    usage: 'roster employee list --company ID [--keyword K] [--dept CODE] [--status active|resigned|all] [--level L] [--category C] [--total] [--limit N [--cursor C]] [--json]',
    about: `Employees in creation order; --dept includes sub-departments; --keyword matches part of the name, or a whole phone, email or work number. Without --limit: every match. ${TARGET}`,
    examples: ['roster employee list --company 0A1B… --keyword bo --json', 'roster employee list --company 0A1B… --dept RD --status active --limit 100 --total'],
  },
  'employee get': {
    usage: 'roster employee get --company ID --userid U [--json]',
    about: `The employee with this userid (resigned ones too). ${TARGET}`,
    examples: ['roster employee get --company 0A1B… --userid bo --json'],
  },
  'employee resign': {
    usage: 'roster employee resign --company ID --userid U [--json]',
    about: `Resigns the employee now. ${TARGET}`,
    examples: ['roster employee resign --company 0A1B… --userid bo'],
  },
  'employee restore': {
    usage: 'roster employee restore --company ID --userid U [--json]',
    about: `Undoes a resignation. ${TARGET}`,
    examples: ['roster employee restore --company 0A1B… --userid bo'],
  },
  'employee import': {
    usage: 'roster employee import --company ID --file F [--format csv|xlsx] [--dry-run] [--json]',
    about: `Imports employees from a CSV or XLSX file (columns: the template's, in Chinese or English) and waits for the result: counters and the failed rows with the codes /employee/add answers. Rows are keyed on userid, else mobile, else email: existing employees are updated or left unchanged. --dry-run validates and changes nothing. ${TARGET}`,
    examples: ['roster employee import --company 0A1B… --file people.csv --dry-run --json', 'roster employee import --company 0A1B… --file people.xlsx'],
  },
  'employee export': {
    usage: 'roster employee export --company ID --format csv|xlsx --out F [--lang zh|en] [--keyword K] [--dept CODE] [--status active|resigned|all] [--level L] [--category C] [--json]',
    about: `Writes the (filtered) employee list to a file in the import template's columns, streamed. ${TARGET}`,
    examples: ['roster employee export --company 0A1B… --format xlsx --out staff.xlsx --lang zh', 'roster employee export --company 0A1B… --format csv --out rd.csv --dept RD'],
  },
  'employee delete': {
    usage: 'roster employee delete --company ID --userid U [--json]',
    about: `Deletes the employee for good: the row and its personal data are erased (as the IoT unregister), its phone, email and userid are free again. The main account cannot be deleted. ${TARGET}`,
    examples: ['roster employee delete --company 0A1B… --userid bo --json'],
  },
  'app list': {
    usage: 'roster app list [--company ID] [--json]',
    about: `Apps (hosted in the company and shared apps installed there), never their secrets. ${TARGET}`,
    examples: ['roster app list --company 0A1B… --json'],
  },
  'app rotate': {
    usage: 'roster app rotate --app KEY [--overlap SECONDS] [--json]',
    about: `A new AppSecret, printed once. The old one keeps working for --overlap seconds (default 86400; 0 ends it now). ${TARGET}`,
    examples: ['roster app rotate --app 123456789 --json', 'roster app rotate --app 123456789 --overlap 0'],
  },
  'app disable': {
    usage: 'roster app disable --app KEY [--json]',
    about: `The app's signatures and tokens stop working in both dialects. ${TARGET}`,
    examples: ['roster app disable --app 123456789'],
  },
  'app enable': {
    usage: 'roster app enable --app KEY [--json]',
    about: `Enables a disabled app again. ${TARGET}`,
    examples: ['roster app enable --app 123456789'],
  },
  'admin password': {
    usage: 'roster admin password set --company ID --password P [--userid U] [--json]',
    about: `Sets the console password of the company's main account, or of the employee with this userid (who is made a company admin). At least 10 characters mixing three of lower case, upper case, digits and symbols. → {ok, companyId, employeeId}. ${TARGET}`,
    examples: ['roster admin password set --company 0A1B… --password "Corr3ct-Horse" --json', 'roster admin password set --company 0A1B… --userid it-lead --password "Corr3ct-Horse"'],
  },
  'admin token': {
    usage: 'roster admin token create [--company ID] [--name N] [--json] | revoke TOKEN_ID | list',
    about: 'Operator tokens for the admin API (Authorization: Bearer <token>). create prints the token once; with --company it reaches that company only. Works on the local store.',
    examples: ['roster admin token create --name ci --json', 'roster admin token create --company 0A1B… --name hr-sync', 'roster admin token revoke k3j…'],
  },
};

/** The help text of one command, or undefined when there is none. */
export function commandHelp(command: string): string | undefined {
  const key = command === 'admin token create' || command === 'admin token revoke' || command === 'admin token list' ? 'admin token' : command === 'admin password set' ? 'admin password' : command;
  const help = COMMAND_HELP[key];
  if (!help) return undefined;
  return [`usage: ${help.usage}`, '', help.about, '', 'examples:', ...help.examples.map((e) => `  ${e}`)].join('\n');
}
