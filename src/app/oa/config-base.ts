import { z } from 'zod';

/** An http(s) base URL; every provider's hosts are configurable (Lark, private deployments, test fakes). */
export const baseUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** A non-empty string of at most `max` characters. */
export const text = (max = 256) => z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Keys every kind accepts. */
export const commonConfig = {
  /** Refuse a sign-in without a phone (2404) instead of creating the employee without one. */
  requirePhone: z.boolean({ error: 'must be true or false' }).optional().describe('Refuse a sign-in without a phone instead of creating the employee without one.'),
};
