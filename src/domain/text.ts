/**
 * Rules on text that hold whatever the dialect: no field stores a control character (PostgreSQL
 * refuses NUL outright, SQLite would store it), and a derived key must fit its column.
 */

// C0 controls and DEL. Line breaks and tabs are only allowed where a field is free text.
const CONTROL = /[\u0000-\u001F\u007F]/;
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** True when `value` holds a control character; `allowLineBreaks` lets tab, LF and CR through. */
export function hasControlCharacter(value: string, allowLineBreaks = false): boolean {
  return (allowLineBreaks ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(value);
}

/** The rule's wording in error messages. */
export const CONTROL_CHARACTER_RULE = 'must not contain control characters';

/** The longest email Roster keeps, in UTF-16 units as Java and the seed count ([1,100]). */
export const EMAIL_MAX = 100;

/**
 * The case-insensitive key an email is unique by. It is stored next to the email in a column of the
 * same width, so an email whose lower-case form is longer (`İ` lower-cases to two units) cannot be
 * kept: {@link fitsEmailKey} says so before any write, on every engine alike.
 */
export function emailKeyOf(email: string): string {
  return email.toLowerCase();
}

/** True when the email's key fits the stored key's width. */
export function fitsEmailKey(email: string): boolean {
  return emailKeyOf(email).length <= EMAIL_MAX;
}
