import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './load.js';
import { ENV_NAMES } from './schema.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: join(REPO, 'data'),
      durability: 'process',
      nonceStore: 'database',
      defaultRateLimit: 1000,
      bodyLimit: 65536,
      tokenTtlSec: 3600,
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 72_000,
      idleTimeoutMs: 120_000,
      maxConnections: 10_000,
    });
    expect(loadConfig({}).databaseUrl).toBeUndefined();
  });

  it('makes the data folder absolute: the default is in the checkout, whatever the current folder', () => {
    expect(loadConfig({ ROSTER_DATA_DIR: 'elsewhere/store' }).dataDir).toBe(resolve(process.cwd(), 'elsewhere/store'));
    expect(loadConfig({ ROSTER_DATA_DIR: '/srv/roster' }).dataDir).toBe('/srv/roster');
    const cwd = process.cwd();
    process.chdir(join(REPO, 'src'));
    try {
      expect(loadConfig({}).dataDir).toBe(join(REPO, 'data'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads retired data keys as a comma list and refuses a malformed one', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    expect(loadConfig({ ROSTER_DATA_KEYS_RETIRED: `${a}, ${b}` }).dataKeysRetired).toEqual([a, b]);
    expect(() => loadConfig({ ROSTER_DATA_KEYS_RETIRED: 'short' })).toThrow(/ROSTER_DATA_KEYS_RETIRED/);
  });

  it('reads the environment, with flags winning', () => {
    const config = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://u@h/db', ROSTER_DURABILITY: 'power' }, { port: 9100 });
    expect(config).toMatchObject({ port: 9100, databaseUrl: 'postgres://u@h/db', durability: 'power' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once, by variable name', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ROSTER_DATA_KEY: 'short', ROSTER_NONCE_STORE: 'redis' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'ROSTER_DATA_KEY', 'ROSTER_NONCE_STORE']) expect(problems).toContain(name);
  });

  it('refuses a headers timeout longer than the request timeout, naming the variable', () => {
    expect(() => loadConfig({ ROSTER_REQUEST_TIMEOUT_MS: '5000', ROSTER_HEADERS_TIMEOUT_MS: '9000' })).toThrow(/ROSTER_HEADERS_TIMEOUT_MS/);
    expect(loadConfig({ ROSTER_MAX_CONNECTIONS: '256' }).maxConnections).toBe(256);
  });

  it('documents every setting in docs/config.md', () => {
    const doc = readFileSync(join(REPO, 'docs', 'config.md'), 'utf8');
    for (const name of Object.values(ENV_NAMES)) expect(doc, name).toContain(`| \`${name}\` |`);
  });
});
