/** Plain HTTP for the benefits tests: what went over the wire and what came back. */

export const FORM = 'application/x-www-form-urlencoded';

export interface Envelope {
  code: number;
  msg: string;
  data: unknown;
}

export interface WireReply {
  status: number;
  contentType: string | null;
  traceId: string | null;
  /** The body exactly as received. */
  text: string;
  body: Envelope;
}

/** POSTs `body` to `url` with a form Content-Type (or the one given) and reads the JSON envelope. */
export async function post(url: string, body: string | undefined, contentType: string = FORM): Promise<WireReply> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    traceId: res.headers.get('x-trace-id'),
    text,
    body: JSON.parse(text) as Envelope,
  };
}

/** The seconds-since-epoch the platform's `timestamp` carries. */
export const epochSeconds = (ms: number = Date.now()): string => String(Math.floor(ms / 1000));
