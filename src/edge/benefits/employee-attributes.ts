import type { EmployeeAttribute } from '#src/domain/employee.js';
import { invalidParam } from '#src/domain/errors.js';
import { checkText } from './param-rules.js';

const SHAPE = 'must be a JSON array of {attributeCode, attributeValue}';
/** More entries than any enterprise enables attributes; a bound on work per request. */
const MAX_ATTRIBUTES = 100;

/**
 * Reads `employee_attribute`: the Java SDK's Jackson text of `List<EmployeeAttribute>`, e.g.
 * `[{"attributeCode":"politicalVisage","attributeValue":"群众"}]`. Both fields are strings of 1–100
 * characters (seed 003); other keys a newer SDK may add are ignored.
 */
export function parseEmployeeAttributes(name: string, text: string): EmployeeAttribute[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParam(name, SHAPE);
  }
  if (!Array.isArray(parsed)) throw invalidParam(name, SHAPE);
  if (parsed.length > MAX_ATTRIBUTES) throw invalidParam(name, `may hold at most ${MAX_ATTRIBUTES} entries`);
  return parsed.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalidParam(name, SHAPE);
    const { attributeCode, attributeValue } = item as Record<string, unknown>;
    if (typeof attributeCode !== 'string' || typeof attributeValue !== 'string') throw invalidParam(name, SHAPE);
    return {
      attributeCode: checkText(`${name}.attributeCode`, attributeCode, { max: 100 }),
      attributeValue: checkText(`${name}.attributeValue`, attributeValue, { max: 100 }),
    };
  });
}
