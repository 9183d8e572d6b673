// A real Roster server (`node bin/roster.js serve`, the built CLI) as a child process on a loopback
// ephemeral port, watched so that a crash is noticed and reported with the server's last output.
import { spawn } from 'node:child_process';

const BIN = new URL('../../bin/roster.js', import.meta.url).pathname;
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts Roster on `dataDir` (SQLite) or `databaseUrl` (PostgreSQL) and resolves once it prints its
 * URL. Other ROSTER_* settings of our environment pass through (e.g. ROSTER_NONCE_STORE=database).
 * Resolves `{ baseUrl, pid, exited(), exitInfo(), output(), kill9(), stop() }`.
 */
export function startRoster({ dataDir, databaseUrl, env = {}, timeoutMs = 60_000 }) {
  const childEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    ROSTER_DATA_DIR: dataDir,
    ROSTER_LOG_LEVEL: 'warn',
    ROSTER_DEFAULT_RATE_LIMIT: '0',
    ...env,
  };
  // The world was prepared with the key generated into dataDir; an operator's key would not open it.
  if (!env.ROSTER_DATA_KEY) delete childEnv.ROSTER_DATA_KEY;
  if (databaseUrl) childEnv.DATABASE_URL = databaseUrl;
  else delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [BIN, 'serve'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let exit = null;
  const keep = (chunk) => (out = (out + chunk.toString('utf8')).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const gone = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      running.delete(child);
      resolve(exit);
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Roster did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    gone.then((e) => {
      clearTimeout(timer);
      reject(new Error(`Roster exited while starting (code ${e.code}, signal ${e.signal}):\n${out}`));
    });
    const onData = () => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (!m) return;
      child.stdout.off('data', onData);
      clearTimeout(timer);
      resolve({
        baseUrl: `http://127.0.0.1:${m[1]}`,
        pid: child.pid,
        exited: () => exit !== null,
        exitInfo: () => exit,
        output: () => out,
        /** kill -9, resolved once the process is gone. */
        async kill9() {
          if (exit === null) child.kill('SIGKILL');
          return gone;
        },
        /** SIGTERM (a clean stop), SIGKILL after 10 s. */
        async stop() {
          if (exit !== null) return exit;
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.kill('SIGTERM');
          const e = await gone;
          clearTimeout(timer);
          return e;
        },
      });
    };
    child.stdout.on('data', onData);
  });
}
