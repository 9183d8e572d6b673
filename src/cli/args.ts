import { parseArgs } from 'node:util';
import { DomainError, invalidParam } from '#src/domain/errors.js';

export type Flags = Record<string, string | boolean | undefined>;

/** Parses `--name value` flags (all strings unless listed in `booleans`) and positionals. */
export function parseFlags(argv: string[], strings: string[], booleans: string[] = []): { flags: Flags; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean' }> = { json: { type: 'boolean' } };
  for (const s of strings) options[s] = { type: 'string' };
  for (const b of booleans) options[b] = { type: 'boolean' };
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { flags: values as Flags, positionals };
  } catch (error) {
    throw invalidParam('arguments', (error as Error).message);
  }
}

export function requireFlag(flags: Flags, name: string): string {
  const v = flags[name];
  if (typeof v !== 'string' || v === '') throw new DomainError('request.invalid_params', { param: `--${name}`, rule: 'is required' });
  return v;
}

export function optionalFlag(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function integerFlag(flags: Flags, name: string, fallback: number): number {
  const v = optionalFlag(flags, name);
  if (v === undefined) return fallback;
  if (!/^[0-9]+$/.test(v)) throw invalidParam(`--${name}`, 'must be a non-negative integer');
  return Number(v);
}
