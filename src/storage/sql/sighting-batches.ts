import { CompiledQuery, type Kysely } from 'kysely';
import { batchWhileBusy, refusedValue } from './busy-batches.js';
import type { Database } from './tables.js';

/** `rememberNonce` / `rememberSign`: true when this (app, value) was not live and is now taken. */
export type RememberSighting = (appKey: string, value: string, expiresAt: number, now: number) => Promise<boolean>;

interface Waiting {
  appKey: string;
  value: string;
  expiresAt: number;
  now: number;
  resolve(taken: boolean): void;
  reject(error: unknown): void;
}

/**
 * PostgreSQL's counterpart of SQLite's group commit for the one write every signed request makes
 * first: its nonce (IoT) or sign (benefits). Sightings that arrive while a statement is in flight wait
 * and go together as the next one — one multi-row upsert, one commit — so an idle server answers at
 * once and a busy one pays one round trip and one WAL flush per batch instead of per request.
 *
 * Each row keeps the single-statement rule of credential.repository.ts: a new (app, value) is
 * inserted, an expired sighting the sweep has not deleted yet is taken over, a live one matches no
 * row (no unique-violation error, so a flood of replays stays cheap). Within a batch the same (app,
 * value) twice is a replay: the first decides, the others are refused. "Expired" is judged at the
 * earliest arrival in the batch (a few ms apart), which can only refuse, never accept, a replay.
 * Rows go in key order, so two processes' batches cannot deadlock on each other's keys.
 */
export function batchedSightings(db: Kysely<Database>, table: 'nonces' | 'benefits_signs', onStatement: () => void): RememberSighting {
  const column = table === 'nonces' ? 'nonce' : 'sign';
  const text =
    `insert into ${table} (app_key, ${column}, expires_at) ` +
    `select k, v, e from unnest($1::text[], $2::text[], $3::bigint[]) as t(k, v, e) order by k, v ` +
    `on conflict (app_key, ${column}) do update set expires_at = excluded.expires_at where ${table}.expires_at <= $4 ` +
    `returning app_key, ${column} as value`;
  async function send(batch: Waiting[]): Promise<void> {
    const first = new Map<string, Waiting>();
    const replays: Waiting[] = [];
    for (const w of batch) {
      const key = `${w.appKey}\n${w.value}`;
      if (first.has(key)) replays.push(w);
      else first.set(key, w);
    }
    const rows = [...first.values()];
    try {
      let now = rows[0]!.now;
      for (const w of rows) if (w.now < now) now = w.now;
      onStatement();
      const result = await db.executeQuery<{ app_key: string; value: string }>(
        CompiledQuery.raw(text, [rows.map((w) => w.appKey), rows.map((w) => w.value), rows.map((w) => w.expiresAt), now]),
      );
      const taken = new Set(result.rows.map((r) => `${r.app_key}\n${r.value}`));
      for (const [key, w] of first) w.resolve(taken.has(key));
      for (const w of replays) w.resolve(false);
    } catch (error) {
      // A value the server refuses (a data or constraint error: the statement changed nothing) must
      // fail its own request only: each is tried on its own. Any other failure (a lost connection)
      // may have committed, so nothing is resent: those requests fail, as a single write would.
      if (refusedValue(error) && rows.length > 1) {
        for (const w of rows) await send([w]);
        for (const w of replays) w.resolve(false);
      } else {
        for (const w of batch) w.reject(error);
      }
    }
  }

  const enqueue = batchWhileBusy(send);

  return (appKey, value, expiresAt, now) =>
    new Promise<boolean>((resolve, reject) => {
      enqueue({ appKey, value, expiresAt, now, resolve, reject });
    });
}
