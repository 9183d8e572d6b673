/**
 * The console's security headers. The policy allows only this origin's scripts, styles and API: no
 * inline script or style, no framing, no form posts elsewhere (data: images for small inline icons).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Sent with every answer under /console. */
export const CONSOLE_HEADERS: Record<string, string> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** Hashed assets: the name changes with the content, so a year and no revalidation. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: always ask the server (a new build shows at once). */
export const REVALIDATE = 'no-cache';
