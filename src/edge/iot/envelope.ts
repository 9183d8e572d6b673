import { DomainError } from '#src/domain/errors.js';
import { CONTROL_CHARACTER_RULE, hasControlCharacter } from '#src/domain/text.js';

/** The IoT API request envelope, after shape checks. */
export interface IotRequest {
  /** Echoed back; the caller's trace id. */
  id: string | null;
  apiVer: string;
  iotToken: string | undefined;
  /** True when the caller asked for English localized messages. */
  english: boolean;
  params: Record<string, unknown>;
}

/** The envelope before its params are checked: enough to answer in the caller's id and language. */
export interface IotEnvelopeIn extends Omit<IotRequest, 'params'> {
  params: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Decodes `{id, version, request:{apiVer, iotToken?, language?}, params}` from the raw body. Anything
 * that is not such an envelope is a format error (the gateway's 400 `Request Format Error`). The
 * params are checked by {@link checkIotParams} once the id and language are known, so that their
 * 460 echoes the caller's id.
 */
export function decodeIotRequest(body: Buffer | undefined, acceptLanguage: string | undefined): IotEnvelopeIn {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body && body.length ? body.toString('utf8') : '');
  } catch {
    throw new DomainError('request.malformed', { rule: 'body is not JSON' });
  }
  if (!isObject(parsed) || !isObject(parsed.request)) throw new DomainError('request.malformed', { rule: 'no request object' });
  const { id, request } = parsed;
  if (typeof request.apiVer !== 'string' || request.apiVer === '') throw new DomainError('request.malformed', { rule: 'request.apiVer missing' });
  // The envelope may name the language as `language` or `locale` (notes §3); the header is the fallback.
  const named = [request.language, request.locale].find((v): v is string => typeof v === 'string' && v !== '');
  const language = named ?? acceptLanguage ?? '';
  return {
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
    apiVer: request.apiVer,
    iotToken: typeof request.iotToken === 'string' ? request.iotToken : undefined,
    english: /^en(?![a-z])/i.test(language.trim()),
    params: parsed.params ?? {},
  };
}

/**
 * The envelope with its params checked to be an object (absent means none) whose string values hold
 * no control character: 460 otherwise. Every param of this dialect is an id, code or type, and none
 * may hold one (PostgreSQL cannot store NUL, and both engines must answer alike).
 */
export function checkIotParams(envelope: IotEnvelopeIn): IotRequest {
  const { params } = envelope;
  if (!isObject(params)) throw new DomainError('request.invalid_params', { param: 'params', rule: 'must be an object' });
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && hasControlCharacter(value)) throw new DomainError('request.invalid_params', { param: key, rule: CONTROL_CHARACTER_RULE });
  }
  return { ...envelope, params };
}

/** The success envelope, pre-serialized once: responses on the hot path are built as strings. */
export function encodeIotSuccess(id: string | null, data: unknown): string {
  return `{"id":${JSON.stringify(id)},"code":200,"message":null,"localizedMsg":null,"data":${JSON.stringify(data)}}`;
}

export function encodeIotError(id: string | null, code: number, message: string, localized: string | null): string {
  return JSON.stringify({ id, code, message, localizedMsg: localized, data: null });
}

/** Reads optional string params and rejects any param the endpoint does not define. */
export function readParams<K extends string>(params: Record<string, unknown>, known: readonly K[]): Record<K, unknown> {
  for (const key of Object.keys(params)) {
    if (!(known as readonly string[]).includes(key)) throw new DomainError('request.invalid_params', { param: key, rule: 'unknown parameter' });
  }
  return params as Record<K, unknown>;
}

/** An optional string param: absent or null → undefined; any other non-string → 460. */
export function optionalString(params: Record<string, unknown>, key: string, maxLength = 256): string | undefined {
  const v = params[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > maxLength) throw new DomainError('request.invalid_params', { param: key, rule: 'must be a string' });
  return v;
}

export function requiredString(params: Record<string, unknown>, key: string, maxLength = 256): string {
  const v = optionalString(params, key, maxLength);
  if (v === undefined || v.trim() === '') throw new DomainError('request.invalid_params', { param: key, rule: 'is required' });
  return v;
}
