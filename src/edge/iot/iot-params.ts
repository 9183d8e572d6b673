import { DomainError } from '#src/domain/errors.js';

const invalid = (param: string, rule: string) => new DomainError('request.invalid_params', { param, rule });

/** An integer param: `fallback` when absent (or 460 `is required` without one); anything but a JSON integer is a 460. */
export function integerParam(params: Record<string, unknown>, key: string, fallback?: number): number {
  const v = params[key];
  if (v === undefined || v === null) {
    if (fallback === undefined) throw invalid(key, 'is required');
    return fallback;
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalid(key, 'must be an integer');
  return v;
}

/** An integer param within [min, max]; 460 naming the range otherwise. */
export function boundedInteger(params: Record<string, unknown>, key: string, min: number, max: number, fallback?: number): number {
  const v = integerParam(params, key, fallback);
  if (v < min) throw invalid(key, `must be at least ${min}`);
  if (v > max) throw invalid(key, `must be at most ${max}`);
  return v;
}

/** A list of non-blank strings of at most `maxLength` each (its length is the caller's rule). */
export function stringListParam(params: Record<string, unknown>, key: string, maxLength: number): string[] {
  const v = params[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(key, 'must be a list of strings');
  for (const item of v) {
    if (typeof item !== 'string' || item.trim() === '' || item.length > maxLength) throw invalid(key, 'must be a list of strings');
  }
  return v as string[];
}
