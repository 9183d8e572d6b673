import { isCalendarDate, isMonthDay } from '#src/domain/dates.js';
import { invalidParam } from '#src/domain/errors.js';
import { CONTROL_CHARACTER_RULE, hasControlCharacter } from '#src/domain/text.js';
import type { BenefitsParams } from './form-codec.js';

/** A string parameter's rule: its length range (UTF-16 units, as Java counts) and an optional format. */
export interface TextRule {
  /** Defaults to 1. */
  min?: number;
  max: number;
  pattern?: RegExp;
  /** What the pattern means, for the error message. */
  patternRule?: string;
  /** Free text that may break lines (tab, LF, CR); other control characters are refused everywhere. */
  multiline?: boolean;
  /** A last rule the pattern cannot say, with its wording. */
  refine?: { test: (value: string) => boolean; rule: string };
}

/** The new docs' marker that clears a field on update (level, category, birth_day, entry_day). */
export const CLEAR_MARKER = '#default#';

/**
 * The value the caller sent, an empty string read as not sent: the Java SDK never sends empty values
 * and the Go SDK sends every field, empty ones included, so `code=` means "no work number".
 */
export function sent(params: BenefitsParams, name: string): string | undefined {
  const value = params.get(name);
  return value === undefined || value === '' ? undefined : value;
}

/** Checks a value against its rule; 1000220002 naming the parameter and the rule otherwise. */
export function checkText(name: string, value: string, rule: TextRule): string {
  const min = rule.min ?? 1;
  if (value.length < min || value.length > rule.max) throw invalidParam(name, `must be ${min}-${rule.max} characters long`);
  // Also reached by values decoded from JSON (employee_attribute), which the raw-parameter check cannot see.
  if (hasControlCharacter(value, rule.multiline)) throw invalidParam(name, CONTROL_CHARACTER_RULE);
  if (rule.pattern && !rule.pattern.test(value)) throw invalidParam(name, rule.patternRule ?? 'has an invalid format');
  if (rule.refine && !rule.refine.test(value)) throw invalidParam(name, rule.refine.rule);
  return value;
}

/** An optional string: undefined when not sent, else checked against its rule. */
export function optionalText(params: BenefitsParams, name: string, rule: TextRule): string | undefined {
  const value = sent(params, name);
  return value === undefined ? undefined : checkText(name, value, rule);
}

/** A required string: absent, empty or blank is `is required`. */
export function requiredText(params: BenefitsParams, name: string, rule: TextRule): string {
  const value = sent(params, name);
  if (value === undefined || value.trim() === '') throw invalidParam(name, 'is required');
  return checkText(name, value, rule);
}

/** An enumerated int such as gender 1/2/3, sent as its decimal text. */
export function optionalChoice<T extends number>(params: BenefitsParams, name: string, allowed: readonly T[]): T | undefined {
  const value = sent(params, name);
  if (value === undefined) return undefined;
  const choice = allowed.find((a) => String(a) === value);
  if (choice === undefined) throw invalidParam(name, `must be one of ${allowed.join(', ')}`);
  return choice;
}

/** A decimal integer within [min, max]; no sign, no fraction, at most 10 digits (the docs' int length). */
export function optionalInteger(params: BenefitsParams, name: string, min: number, max: number): number | undefined {
  const value = sent(params, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^[0-9]{1,10}$/.test(value) || n < min || n > max) throw invalidParam(name, `must be an integer from ${min} to ${max}`);
  return n;
}

/** A real calendar date `yyyy-MM-dd` (or `MM-dd` where allowed, e.g. a birthday without year). */
export function checkDate(name: string, value: string, allowMonthDay: boolean): string {
  if (isCalendarDate(value) || (allowMonthDay && isMonthDay(value))) return value;
  throw invalidParam(name, allowMonthDay ? 'must be a real date yyyy-MM-dd or MM-dd' : 'must be a real date yyyy-MM-dd');
}

/** A field that `#default#` clears: undefined = not sent, null = clear. */
export function clearable<T>(params: BenefitsParams, name: string, check: (value: string) => T): T | null | undefined {
  const value = sent(params, name);
  if (value === undefined) return undefined;
  return value === CLEAR_MARKER ? null : check(value);
}
