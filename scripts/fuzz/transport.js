// Sends one request over keep-alive HTTP/1.1 (node:http) or, for what node:http refuses to send
// (unknown methods, oversized headers), over a raw socket. Never throws: a transport failure is a
// result the judge looks at.
import http from 'node:http';
import net from 'node:net';

/** A keep-alive agent shared by the fuzzer's workers. */
export function createAgent(connections) {
  return new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
}

/**
 * `req`: `{ method, path, headers, body }` (body a string or Buffer). Resolves
 * `{ status, headers, text }` or `{ error }` (a code such as ECONNRESET).
 */
export function send(baseUrl, agent, req, timeoutMs = 30_000) {
  if (req.raw) return sendRaw(baseUrl, req, timeoutMs);
  const url = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const headers = { ...req.headers };
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new Promise((resolve) => {
    let done = false;
    const finish = (result) => {
      if (!done) {
        done = true;
        resolve(result);
      }
    };
    let request;
    try {
      request = http.request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent, timeout: timeoutMs });
    } catch (error) {
      return finish({ unsendable: error.code ?? error.message });
    }
    request.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => finish({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => finish({ error: e.code ?? e.message }));
    });
    request.on('timeout', () => {
      request.destroy();
      finish({ error: 'TIMEOUT' });
    });
    request.on('error', (e) => finish({ error: e.code ?? e.message }));
    if (body !== undefined) request.end(body);
    else request.end();
  });
}

/**
 * Writes `req.raw` (the whole request text) on a new socket and reads one response. Reports whether
 * the server closed the socket and whether it said `Connection: close` first (item 19: a close
 * without it resets a keep-alive client's next request).
 */
function sendRaw(baseUrl, req, timeoutMs) {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let data = Buffer.alloc(0);
    let closed = false;
    let weEnded = false;
    const timer = setTimeout(() => socket.destroy(), Math.min(timeoutMs, 5_000));
    const finish = () => {
      if (weEnded) return;
      weEnded = true;
      socket.end();
    };
    socket.on('data', (c) => {
      data = Buffer.concat([data, c]);
      // A whole response is here: give the server 50 ms to close (as it says or not), then close.
      if (responseComplete(data, req.raw)) setTimeout(finish, 50);
    });
    socket.on('error', () => {});
    socket.on('end', () => (closed = !weEnded));
    socket.on('close', () => {
      clearTimeout(timer);
      const text = data.toString('latin1');
      const head = text.split('\r\n\r\n')[0] ?? '';
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      const headers = {};
      for (const line of head.split('\r\n').slice(1)) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      if (!m) return resolve({ error: data.length ? 'BAD_RESPONSE' : 'NO_RESPONSE' });
      resolve({ status: Number(m[1]), headers, text: text.slice(head.length + 4), closedByServer: closed, raw: true });
    });
    socket.write(req.raw);
    // Half a second to answer at most; then we close, unless the server already did.
    setTimeout(finish, 500);
  });
}

/** True once `data` holds a status line, headers and the Content-Length worth of body. */
function responseComplete(data, request) {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = data.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (request.startsWith('HEAD ') || !length) return true;
  return data.length - end - 4 >= Number(length[1]);
}
