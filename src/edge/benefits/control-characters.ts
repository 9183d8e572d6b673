import { CONTROL_CHARACTER_RULE, hasControlCharacter } from '#src/domain/text.js';
import { invalidParam } from '#src/domain/errors.js';
import type { BenefitsParams } from './form-codec.js';

/**
 * Parameters that are free text (or raw JSON, whose whitespace may break lines), where tab, LF and CR
 * are allowed; every other parameter is a name, code, number, date or credential and holds none.
 * Values inside JSON (employee_attribute) are checked again one by one after parsing.
 */
const MULTILINE = new Set(['remark', 'employee_attribute', '_body']);

/**
 * The first step of every benefits call, before the sign is checked: a control character in any
 * value is the parameter error 1000220002 on both engines (PostgreSQL cannot store NUL; SQLite would).
 */
export function refuseControlCharacters(params: BenefitsParams): void {
  for (const [name, value] of params) {
    if (hasControlCharacter(value, MULTILINE.has(name))) throw invalidParam(name, CONTROL_CHARACTER_RULE);
  }
}
