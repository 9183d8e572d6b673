import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/min/metadata';

/** A phone number in canonical form; two spellings of one number give equal values. */
export interface NormalizedPhone {
  /** `+` calling code and national number, e.g. `+8613800138000`. */
  e164: string;
  /** Digits only, e.g. `86`. */
  callingCode: string;
  /** The national significant number: no trunk prefix, e.g. `13800138000`. */
  national: string;
}

const KNOWN_CALLING_CODES = new Set<string>(getCountries().map((country) => getCountryCallingCode(country)));

// Anything else (letters, `ext.`, full-width digits) is refused outright, because the parser would
// otherwise fish a number out of free text and accept it.
const PHONE_CHARS = /^\+?[0-9 ().-]*[0-9][0-9 ().-]*$/;

// Mainland China's region-wide lengths (7–12) include landlines with area codes, but the field holds a
// mobile number, and every mainland mobile number is 11 digits starting with 1.
const CN_MOBILE = /^1[0-9]{10}$/;

/** True for a geographic international calling code such as `86`, `1`, `44`, `852` or `886`. */
export function isKnownCallingCode(code: string): boolean {
  return /^[0-9]{1,3}$/.test(code) && KNOWN_CALLING_CODES.has(code);
}

/**
 * Parses a phone number as typed (`138 0013 8000`, `+86 138-0013-8000`, `008613800138000`…) into
 * canonical form. A leading `+` brings its own calling code; otherwise `defaultCallingCode` applies,
 * read as the main region for that code (US for 1, GB for 44, RU for 7). Only the region's possible
 * lengths are checked, not its allocated ranges, so newly opened ranges such as 168… are accepted.
 * Returns null, never throws, for anything that is not a possible number.
 */
export function normalizePhone(raw: string, defaultCallingCode = '86'): NormalizedPhone | null {
  const text = raw.trim();
  if (!PHONE_CHARS.test(text) || !isKnownCallingCode(defaultCallingCode)) return null;
  // The calling code's main region, so that its trunk and international prefixes (CN: 0 and 00) are stripped.
  const defaultCountry = metadata.country_calling_codes[defaultCallingCode]?.[0];
  try {
    const phone = parsePhoneNumberFromString(text, defaultCountry);
    // `isPossible()` checks length only; `isValid()` would reject ranges the metadata has not caught up with.
    if (!phone?.isPossible()) return null;
    const callingCode = String(phone.countryCallingCode);
    const national = String(phone.nationalNumber);
    if (callingCode === '86' && !CN_MOBILE.test(national)) return null;
    return { e164: String(phone.number), callingCode, national };
  } catch {
    return null;
  }
}
