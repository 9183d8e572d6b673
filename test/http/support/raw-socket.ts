/** Raw TCP conversations with the server, for what HTTP clients hide: framing, half-closes, resets. */
import { connect, type Socket } from 'node:net';

export interface RawConversation {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves when the server closed: `end` for a clean FIN, `reset` when the connection was reset. */
  closed: Promise<'end' | 'reset'>;
  /** Resolves once the received text matches. */
  waitFor(pattern: RegExp): Promise<string>;
}

/** Opens a connection to `baseUrl` (http://host:port) and, once connected, writes `data` if given. */
export function openRaw(baseUrl: string, data?: string | Buffer): Promise<RawConversation> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let text = '';
    let sawEnd = false;
    const waiters: Array<() => void> = [];
    const socket = connect(Number(port), hostname);
    const closed = new Promise<'end' | 'reset'>((done) => {
      socket.on('end', () => (sawEnd = true));
      socket.on('error', () => {});
      socket.on('close', (hadError) => done(sawEnd && !hadError ? 'end' : 'reset'));
    });
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      for (const wake of waiters.splice(0)) wake();
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      if (data !== undefined) socket.write(data);
      resolve({
        socket,
        received: () => text,
        closed,
        waitFor(pattern) {
          return new Promise((done, fail) => {
            const check = () => {
              if (pattern.test(text)) done(text);
              else if (socket.destroyed) fail(new Error(`closed before ${pattern}; received: ${text.slice(0, 500)}`));
              else waiters.push(check);
            };
            socket.once('close', () => check());
            check();
          });
        },
      });
    });
  });
}

/** Splits one raw HTTP response into status, lower-cased headers and body. */
export function parseResponse(text: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}
