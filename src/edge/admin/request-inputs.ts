import type { z } from 'zod';
import { DomainError, invalidParam } from '#src/domain/errors.js';

/** The first broken rule of a zod failure as the catalogue's invalid-parameter error. */
export function toInvalidParam(error: z.ZodError, where: string): DomainError {
  let issue = error.issues[0]!;
  // A body of one of several shapes: report the shape that came closest (fewest broken rules).
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    if (closest[0]) issue = { ...closest[0], path: [...issue.path, ...closest[0].path] } as typeof issue;
  }
  const param = issue.path.length ? issue.path.map(String).join('.') : where;
  return invalidParam(param, issue.message);
}

/** Validates one part of a request against its schema (undefined schema: nothing expected). */
export function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw toInvalidParam(result.error, where);
  return result.data;
}

/** The JSON body: empty counts as none; anything but JSON is 415, broken JSON is request.malformed. */
export function decodeJsonBody(raw: Buffer | undefined, contentType: string | undefined): unknown {
  if (!raw || raw.length === 0) return undefined;
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType ?? '')) throw new DomainError('request.unsupported_media_type');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new DomainError('request.malformed');
  }
}
