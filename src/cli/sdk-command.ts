import { parseArgs } from 'node:util';
import { buildContainer } from '#src/container.js';
import { loadConfig } from '#src/config/load.js';
import { inProcessAdmin, remoteAdmin, targetFrom } from './admin-client.js';
import type { SdkCommand } from './directory.commands.js';

/**
 * Runs a command through the admin SDK: against the Roster named by --url/ROSTER_URL (with its token),
 * or, without one, against the API started in this process on the local store.
 */
export async function runSdkCommand(command: SdkCommand, argv: string[], env: Record<string, string | undefined>): Promise<Record<string, unknown>> {
  // Only where to go is read here; the command itself parses (and checks) every flag.
  const { values } = parseArgs({ args: argv, options: { url: { type: 'string' }, token: { type: 'string' } }, strict: false, allowPositionals: true });
  const target = targetFrom(values as Record<string, string | undefined>, env);
  if (target.url) {
    const opened = remoteAdmin({ ...target, url: target.url });
    return command(opened.admin, argv);
  }
  // Silent: the in-process server's access log would mix with the command's output.
  const c = await buildContainer(loadConfig(env, { logLevel: 'silent' }));
  try {
    const opened = await inProcessAdmin(c);
    try {
      return await command(opened.admin, argv);
    } finally {
      await opened.close();
    }
  } finally {
    await c.close();
  }
}
