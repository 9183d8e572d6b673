// The baselines, each run in its own process by bench/run.js:
//   node bench/baseline-server.js route <file>   a bare Fastify POST route answering, for each path in the
//                                                 JSON map <file>, its bytes (real Roster responses captured
//                                                 by run.js), with Roster's content type;
//   node bench/baseline-server.js insert <dir>   a bare Fastify POST route doing one single-row INSERT with
//                                                 better-sqlite3 into <dir>/bare.sqlite (WAL, synchronous=NORMAL,
//                                                 Roster's default durability) and answering a small JSON;
//   node bench/baseline-server.js pg-insert <url> the same single-row INSERT into PostgreSQL at <url>, over a
//                                                 pool of 10 connections at Roster's default durability there
//                                                 (synchronous_commit=local), for the PostgreSQL runs.
// Both accept any path and body and print their URL once listening on a free loopback port.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const [mode, arg] = process.argv.slice(2);
const server = Fastify({ logger: false });
// Form bodies (the benefits dialect) are taken as raw text, so every scenario's request is a 2xx here.
server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));

if (mode === 'route') {
  const payloads = new Map(Object.entries(JSON.parse(readFileSync(arg, 'utf8'))));
  const fallback = payloads.values().next().value;
  server.post('/*', async (req, reply) => {
    const q = req.url.indexOf('?');
    const payload = payloads.get(q < 0 ? req.url : req.url.slice(0, q)) ?? fallback;
    return reply.type('application/json;charset=UTF-8').send(payload);
  });
} else if (mode === 'insert') {
  const db = new Database(join(arg, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, created_at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO items (payload, created_at) VALUES (?, ?)');
  server.post('/*', async (req) => {
    const payload = typeof req.body === 'string' ? req.body.slice(0, 200) : String(req.body?.params?.authCode ?? req.body?.id ?? '');
    const { lastInsertRowid } = insert.run(payload, Date.now());
    return { ok: true, id: Number(lastInsertRowid) };
  });
  const close = () => {
    db.close();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
} else if (mode === 'pg-insert') {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: arg, max: 10, options: '-c synchronous_commit=local' });
  await pool.query('CREATE TABLE IF NOT EXISTS bare_items (id bigserial PRIMARY KEY, payload text NOT NULL, created_at bigint NOT NULL)');
  server.post('/*', async (req) => {
    const payload = typeof req.body === 'string' ? req.body.slice(0, 200) : String(req.body?.params?.authCode ?? req.body?.id ?? '');
    const { rows } = await pool.query('INSERT INTO bare_items (payload, created_at) VALUES ($1, $2) RETURNING id', [payload, Date.now()]);
    return { ok: true, id: Number(rows[0].id) };
  });
  const close = () => pool.end().finally(() => process.exit(0));
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
} else {
  console.error('usage: baseline-server.js route <file> | insert <dir> | pg-insert <url>');
  process.exit(2);
}

// A clean exit on SIGTERM (the insert mode closes its database first), so --cpu-prof can write its profile.
process.once('SIGTERM', () => process.exit(0));
const address = await server.listen({ port: 0, host: '127.0.0.1' });
console.log(`bare ${mode} listening on ${address}`);
