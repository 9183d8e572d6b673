import { pino, type DestinationStream } from 'pino';
import type { FastifyError, FastifyServerOptions } from 'fastify';
import type { Config } from '#src/config/schema.js';

const SERIALIZERS = {
  req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  // Name, message, code and stack only: driver errors carry row data in extra fields
  // (PostgreSQL's `detail` quotes the conflicting phone or email), which must not reach logs.
  err: (err: FastifyError) => ({ type: err.name, message: err.message, code: err.code, stack: err.stack ?? '' }),
};

/** Longest a written log line waits in the buffer before it leaves the process. */
export const LOG_FLUSH_MS = 500;

export interface Logging {
  /** Fastify's `logger` option. */
  options: FastifyServerOptions['logger'];
  /** Writes out what is buffered and stops the timers (on server close). */
  close(): void;
}

/**
 * The log stream: JSON lines to stdout or, with `logFile`, appended to that file (reopened on SIGHUP,
 * for logrotate). Writes are buffered and asynchronous — a synchronous write per access line cost a
 * quarter of the signed get's throughput — and the buffer is flushed every {@link LOG_FLUSH_MS}, so a
 * quiet server's lines still leave within a second. A kill -9 can lose at most that half second.
 */
export function createLogging(config: Pick<Config, 'logLevel' | 'logFile'>, testStream?: DestinationStream): Logging {
  if (config.logLevel === 'silent' && !testStream) return { options: false, close() {} };
  if (testStream) return { options: { level: config.logLevel === 'silent' ? 'info' : config.logLevel, stream: testStream, serializers: SERIALIZERS }, close() {} };
  const stream = pino.destination({ dest: config.logFile ?? 1, sync: false, minLength: 4096, mkdir: true, append: true });
  const flush = () => {
    try {
      stream.flush();
    } catch {
      // Not open yet (a log file being created) or already closed: nothing to flush.
    }
  };
  const timer = setInterval(flush, LOG_FLUSH_MS);
  timer.unref();
  const reopen = () => stream.reopen();
  if (config.logFile) process.on('SIGHUP', reopen);
  return {
    options: {
      level: config.logLevel,
      stream,
      serializers: SERIALIZERS,
    },
    close() {
      clearInterval(timer);
      process.off('SIGHUP', reopen);
      try {
        stream.flushSync();
      } catch {
        // A stream that never opened has nothing to flush.
      }
    },
  };
}
