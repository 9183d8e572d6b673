// One autocannon scenario: a warm-up, then a measured run, every request built (and signed) fresh by
// `makeRequest`, every response checked by `check`. Latencies are recorded here as floats (autocannon's
// own histogram truncates them to whole milliseconds).
import http from 'node:http';
import autocannon from 'autocannon';

/**
 * @param {object} o
 * @param {string} o.baseUrl        e.g. http://127.0.0.1:1234
 * @param {() => {method:string,path:string,headers:object,body:string}} o.makeRequest
 * @param {(status:number, body:string, headers:object) => string|null} o.check  null when the response is a success
 */
export async function measure({ baseUrl, makeRequest, check, connections, duration, warmup, onStart = () => {} }) {
  if (warmup > 0) await runOnce({ baseUrl, makeRequest, check, connections, duration: warmup });
  onStart();
  return runOnce({ baseUrl, makeRequest, check, connections, duration });
}

async function runOnce({ baseUrl, makeRequest, check, connections, duration }) {
  const latencies = [];
  const errorKinds = new Map();
  const samples = [];
  let badEnvelopes = 0;
  const noteError = (kind, sample) => {
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    if (samples.length < 3 && sample) samples.push(sample);
  };
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration,
    pipelining: 1,
    timeout: 10,
    excludeErrorStats: false,
    requests: [
      {
        setupRequest(req) {
          const r = makeRequest();
          req.method = r.method;
          req.path = r.path;
          req.headers = r.headers;
          req.body = r.body;
          return req;
        },
        onResponse(status, body, _context, headers) {
          const problem = check(status, body, headers);
          if (problem) {
            if (status >= 200 && status < 300) badEnvelopes++;
            noteError(problem, `HTTP ${status} ${headers?.['x-ca-error-message'] ?? ''} ${String(body).slice(0, 200)}`);
          }
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  instance.on('reqError', (error) => noteError(`connection error: ${error.message}`, null));
  const result = await instance;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] : NaN);
  const completed = result.requests.total ?? latencies.length;
  return {
    requests: completed,
    duration: result.duration || elapsed,
    reqPerSec: completed / (result.duration || elapsed),
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: latencies.at(-1) ?? NaN,
    non2xx: result.non2xx,
    badEnvelopes,
    connErrors: result.errors,
    timeouts: result.timeouts,
    errors: result.non2xx + badEnvelopes + result.errors,
    errorKinds: Object.fromEntries(errorKinds),
    errorSamples: samples,
  };
}

/** Sends one request exactly as built (for probes and sample checks); resolves {status, headers, body}. */
export function sendOnce(baseUrl, { method, path, headers, body }) {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const buf = Buffer.from(body ?? '', 'utf8');
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers: { ...headers, 'content-length': buf.length }, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(buf);
  });
}

// Roster builds the IoT envelope as `{"id":…,"code":N,…`; the fast path reads the code from the first
// bytes (pages are ~30 KB and parsing each one would steal the CPU the server is measured on), the
// slow path parses the whole body when the fast path does not match.
const IOT_CODE = /^\{"id":(?:null|"(?:[^"\\]|\\.)*"|-?\d+),"code":(\d+)[,}]/;

/** IoT envelope check: HTTP 2xx and code 200. */
export function iotCheck(status, body) {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  const m = IOT_CODE.exec(body);
  let code = m ? Number(m[1]) : undefined;
  if (code === undefined) {
    try {
      code = JSON.parse(body).code;
    } catch {
      return 'unparseable body';
    }
  }
  return code === 200 ? null : `envelope code ${code}`;
}

/** Benefits envelope check: HTTP 200 and code 0. */
export function benefitsCheck(status, body) {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body);
    return parsed.code === 0 ? null : `code ${parsed.code} ${parsed.msg ?? ''}`.trim();
  } catch {
    return 'unparseable body';
  }
}

/** Baseline check: HTTP 2xx is all a bare route promises. */
export function httpCheck(status) {
  return status >= 200 && status < 300 ? null : `HTTP ${status}`;
}
