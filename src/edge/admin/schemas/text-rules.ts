import { z } from 'zod';
import type { TextRule } from '#src/edge/benefits/param-rules.js';

/**
 * A zod string from one of the directory's text rules (the same table the benefits dialect checks
 * with), so a field has one length and format whichever door it comes through.
 */
export function textOf(rule: TextRule, description: string): z.ZodString {
  let schema = z.string().min(rule.min ?? 1).max(rule.max);
  if (rule.pattern) schema = schema.regex(rule.pattern, rule.patternRule ?? 'has an invalid format');
  return schema.describe(description);
}
