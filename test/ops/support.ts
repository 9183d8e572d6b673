/**
 * The `roster` command as an operator runs it: a real process (the built `dist/`) on a real data
 * folder. Suites using it skip when the package has not been built (`npm test` builds first).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const BIN = new URL('../../bin/roster.js', import.meta.url).pathname;
export const built = existsSync(new URL('../../dist/main.js', import.meta.url));

/** The environment of a test run without any ROSTER_* / DATABASE_URL / NODE_ENV leaking in. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('ROSTER_') || key === 'DATABASE_URL' || key === 'NODE_ENV') delete env[key];
  return { ...env, ...extra };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `roster ARGS` to completion; never throws on a non-zero exit. */
export function roster(args: string[], env: Record<string, string>, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: cleanEnv(env), cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export interface Serving {
  child: ChildProcess;
  baseUrl: string;
  stdout: () => string;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Starts `roster serve --port 0 ARGS` and resolves once it prints its URL. */
export function serve(args: string[], env: Record<string, string>, cwd?: string): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { env: cleanEnv(env), cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, baseUrl: m[1]!, stdout: () => out, stderr: () => err, stop });
    });
    child.once('exit', (code) => reject(new Error(`roster serve exited (${code}) before listening:\n${out}\n${err}`)));
  });
}
