import type { Container } from '#src/container.js';
import { optionalFlag, parseFlags, requireFlag } from './args.js';

type Command = (c: Container, argv: string[]) => Promise<Record<string, unknown>>;

/** `roster session revoke` (the connectors and `app set-oa` go through the admin API: oa-connector.commands.ts). */
export const OA_COMMANDS: Record<string, Command> = {
  async 'session revoke'(c, argv) {
    const { flags } = parseFlags(argv, ['employee', 'company']);
    const revoked = await c.sessions.revokeEmployee(requireFlag(flags, 'employee'), optionalFlag(flags, 'company'));
    return { revoked };
  },
};
