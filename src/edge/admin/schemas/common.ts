import { z } from 'zod';
import { ERROR_CODES } from '#src/domain/errors.js';

/** The one error body of the admin API. */
export const ErrorBody = z
  .object({
    code: z.enum(ERROR_CODES).describe('Catalogue code (docs/errors.md), stable across versions.'),
    message: z.string().describe('English, for people; may change.'),
    details: z
      .object({
        param: z.string().optional().describe('The offending parameter.'),
        rule: z.string().optional().describe('The rule it broke.'),
      })
      .optional(),
  })
  .meta({ id: 'Error' });

// Any text up to the id's length: an id that names no company is a 404 whatever its shape.
export const CompanyId = z.string().min(1).max(32).describe('The company id (32 upper-case hex characters).');
export const Timestamp = z.iso.datetime().describe('ISO 8601, UTC.');

/** An opaque paging cursor: pass `nextCursor` back as `cursor`. */
export const Cursor = z.string().min(1).max(200).describe('Opaque: `nextCursor` of the previous page.');
export const Limit = z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1-200.');

export const toIso = (ms: number): string => new Date(ms).toISOString();
export const toIsoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
