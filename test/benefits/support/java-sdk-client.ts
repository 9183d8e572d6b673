/**
 * A request builder that signs and sends exactly as the official Java SDK (open-sdk-java 2025.08.07,
 * `OpenClient` + `FormRequest`) does, per notes §1–2 ("verified" wire format):
 * - common params in the URL query: access_token, grant_type=client_credential, appid, sign,
 *   version=1.0.0, timestamp (token/create: the same without access_token, and an empty body);
 * - business params in the form body, values `trim()`med, null and empty ones dropped, `List<String>`
 *   comma-joined, lists of objects as compact JSON without null fields, ints as decimal text;
 * - sign = hex(SHA-x) over a TreeMap of every param plus appsecret, joined `k=v&…`;
 * - URL encoding by `java.net.URLEncoder` (space → `+`);
 * - on 1000210004 the token is dropped, re-created and the request retried.
 * Written from the notes, independent of the server's code and of the docs-style builder.
 */
import { createHash } from 'node:crypto';
import { FORM, post, type WireReply } from './wire.js';

export type SdkSignType = 'sha1' | 'sha256' | 'sha512';

/** `URLEncoder.encode(s, "UTF-8")`: leaves `a-zA-Z0-9.-*_`, writes space as `+`. */
export function javaUrlEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** What the SDK's @FormField converters make of a field; undefined = not sent. */
export function sdkFormValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (Array.isArray(value)) {
    text = value.every((v) => typeof v === 'string')
      ? value.join(',')
      : JSON.stringify(value, (_key, v: unknown) => (v === null ? undefined : v));
  } else text = String(value);
  text = text.trim();
  return text === '' ? undefined : text;
}

/** A prepared call: the URL (with query) and the form body, before sending. */
export interface PreparedCall {
  url: string;
  body: string;
}

export class JavaSdkClient {
  private token: { value: string; renewAt: number } | undefined;

  constructor(
    readonly baseUrl: string,
    readonly appid: string,
    private readonly appsecret: string,
    private readonly options: { signType?: SdkSignType; clock?: () => number } = {},
  ) {}

  private now(): number {
    return this.options.clock?.() ?? Date.now();
  }

  /** TreeMap order is String.compareTo: UTF-16 code units, which is what Array.sort does. */
  sign(params: Map<string, string>): string {
    const all = new Map(params).set('appsecret', this.appsecret);
    const text = [...all.keys()].sort().map((k) => `${k}=${all.get(k)}`).join('&');
    return createHash(this.options.signType ?? 'sha1').update(text, 'utf8').digest('hex');
  }

  private query(common: Map<string, string>, sign: string, order: string[]): string {
    const withSign = new Map(common).set('sign', sign);
    return order.filter((k) => withSign.has(k)).map((k) => `${k}=${javaUrlEncode(withSign.get(k)!)}`).join('&');
  }

  /** `POST /token/create?grant_type=…&appid=…&sign=…&version=1.0.0&timestamp=…`, empty body. */
  prepareToken(): PreparedCall {
    const common = new Map([
      ['grant_type', 'client_credential'],
      ['appid', this.appid],
      ['version', '1.0.0'],
      ['timestamp', String(Math.floor(this.now() / 1000))],
    ]);
    const query = this.query(common, this.sign(common), ['grant_type', 'appid', 'sign', 'version', 'timestamp']);
    return { url: `${this.baseUrl}/token/create?${query}`, body: '' };
  }

  async createToken(): Promise<WireReply> {
    const call = this.prepareToken();
    return post(call.url, call.body);
  }

  /** The cached token, re-created once 80 % of its lifetime has passed (as the SDK does). */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    const reply = await this.createToken();
    if (reply.body.code !== 0) throw new Error(`token/create failed: ${reply.text}`);
    const data = reply.body.data as { access_token: string; expires_in: number };
    this.token = { value: data.access_token, renewAt: this.now() + data.expires_in * 800 };
    return data.access_token;
  }

  /** Builds a signed business call from a request object with the SDK's wire names. */
  async prepare(path: string, request: Record<string, unknown>): Promise<PreparedCall> {
    const common = new Map([
      ['access_token', await this.accessToken()],
      ['grant_type', 'client_credential'],
      ['appid', this.appid],
      ['version', '1.0.0'],
      ['timestamp', String(Math.floor(this.now() / 1000))],
    ]);
    const body = new Map<string, string>();
    for (const [key, value] of Object.entries(request)) {
      const text = sdkFormValue(value);
      if (text !== undefined) body.set(key, text);
    }
    const sign = this.sign(new Map([...common, ...body]));
    const query = this.query(common, sign, ['access_token', 'grant_type', 'appid', 'sign', 'version', 'timestamp']);
    const form = [...body].map(([k, v]) => `${javaUrlEncode(k)}=${javaUrlEncode(v)}`).join('&');
    return { url: `${this.baseUrl}${path}?${query}`, body: form };
  }

  /** Sends like `OpenClient`: one retry with a fresh token on 1000210004 (the SDK retries without end). */
  async call(path: string, request: Record<string, unknown>): Promise<WireReply> {
    let reply = await this.send(await this.prepare(path, request));
    if (reply.body.code === 1000210004) {
      this.token = undefined;
      reply = await this.send(await this.prepare(path, request));
    }
    return reply;
  }

  send(call: PreparedCall): Promise<WireReply> {
    return post(call.url, call.body, FORM);
  }

  /** Caches `value` as if it were fresh: to replay the SDK holding a token the server has expired. */
  adoptToken(value: string): void {
    this.token = { value, renewAt: Number.POSITIVE_INFINITY };
  }
}
