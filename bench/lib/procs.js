// Child processes and temp folders the bench owns, with cleanup that runs even when the bench fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set();
const tempDirs = new Set();
const stoppers = [];

/** Registers a synchronous stop (e.g. a database server) that cleanup runs before removing temp folders. */
export function onCleanup(stop) {
  stoppers.push(stop);
}

export function makeTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * Starts `node …args` and waits until its stdout prints an http://127.0.0.1:PORT URL. Resolves
 * { pid, port, baseUrl, output(), stop() }.
 */
export function startNode(name, args, { env = {}, cwd, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let out = '';
    const keep = (chunk) => {
      out = (out + chunk.toString('utf8')).slice(-20_000);
    };
    let settled = false;
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${name}: ${error}\n--- its output ---\n${out}`));
    };
    const timer = setTimeout(() => fail(`did not print its URL within ${timeoutMs / 1000} s`), timeoutMs);
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      // Once started, the server's access log streams through here: no more searching it (client CPU).
      if (settled) return;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        settled = true;
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({
          name,
          pid: child.pid,
          port,
          baseUrl: `http://127.0.0.1:${port}`,
          output: () => out,
          stop: () => stopChild(child),
          exited: () => child.exitCode !== null || child.signalCode !== null,
        });
      }
    });
    child.stderr.on('data', keep);
    child.on('error', (error) => fail(error.message));
    child.on('exit', (code, signal) => {
      children.delete(child);
      fail(`exited early (code ${code}, signal ${signal})`);
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export function stopChild(child, graceMs = 10_000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      return resolve();
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Peak (VmHWM) and current (VmRSS) resident memory of a live process, in MB. */
export function memoryMb(pid) {
  // A `--workers` primary: the largest worker (each is a whole Roster process).
  const workers = childPids(pid).map((child) => {
    try {
      return memoryMb(child);
    } catch {
      return null;
    }
  }).filter(Boolean);
  if (workers.length > 0) return workers.reduce((a, b) => (b.peak > a.peak ? b : a));
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
}

/** Kills every child still running and removes every temp folder; safe to call more than once. */
export function cleanupSync() {
  for (const stop of stoppers.splice(0)) {
    try {
      stop();
    } catch {
      // best effort
    }
  }
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
  tempDirs.clear();
}

let installed = false;
/** Cleans up on normal exit, on Ctrl-C/SIGTERM and on a crash. */
export function installCleanup() {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      cleanupSync();
      process.exit(130);
    });
  }
}

/** The direct children of `pid` (the workers of a `roster serve --workers N` primary). */
export function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU time so far, in seconds: the whole machine's busy time, one process's, and this process's own. */
export function cpuSnapshot(pid) {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …
  const busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
  let proc = 0;
  // A `--workers` primary: the server is the primary and its workers together.
  for (const one of [pid, ...childPids(pid)]) {
    try {
      const stat = readFileSync(`/proc/${one}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      proc += Number(after[11]) + Number(after[12]); // utime, stime (fields 14 and 15)
    } catch {
      // gone
    }
  }
  const self = process.cpuUsage();
  return { at: process.hrtime.bigint(), busy: busy / 100, server: proc / 100, self: (self.user + self.system) / 1e6 };
}

/** Between two snapshots: server, this bench process and everything else, each in % of one core. */
export function cpuShares(a, b) {
  const wall = Number(b.at - a.at) / 1e9;
  const pct = (s) => Math.max(0, (100 * s) / wall);
  const server = b.server - a.server;
  const self = b.self - a.self;
  return { server: pct(server), client: pct(self), other: pct(b.busy - a.busy - server - self), serverSeconds: server };
}

/**
 * Waits (up to `maxWaitS`) for a second in which other processes on the machine use less than
 * `threshold` % of one core: the machine may be shared, and a ratio between runs taken at different
 * levels of outside load means little. Resolves the last measured outside load in %.
 */
export async function waitForQuiet(pid, { threshold = 25, maxWaitS = 15 } = {}) {
  const deadline = Date.now() + maxWaitS * 1000;
  for (;;) {
    const a = cpuSnapshot(pid);
    await new Promise((r) => setTimeout(r, 1000));
    const other = cpuShares(a, cpuSnapshot(pid)).other;
    if (other < threshold || Date.now() >= deadline) return other;
  }
}
