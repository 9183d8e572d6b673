import { z } from 'zod';
import { baseUrl, commonConfig, text } from '../config-base.js';

/** `roster oa connector add --kind oidc --config '{…}'`. */
export const oidcConfigSchema = z.strictObject({
  /** The issuer; discovery is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: baseUrl.describe('The issuer; discovery is read from <issuer>/.well-known/openid-configuration.'),
  clientId: text().describe('The client id registered at the provider.'),
  /** Encrypted at rest, never printed back. */
  clientSecret: text().describe('The client secret: encrypted at rest, never shown back.'),
  /** The redirect_uri the authorization request used (the token endpoint checks it). */
  redirectUri: baseUrl.describe('The redirect_uri your apps’ authorization requests use (the token endpoint checks it).'),
  /** The claim holding the employee (job) number; none by default. */
  employeeNoClaim: text(100).optional().describe('The claim holding the employee (job) number; none by default.'),
  /** Default: what discovery offers (basic when offered). */
  tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'client_secret_post'], { error: 'must be client_secret_basic or client_secret_post' }).optional().describe('How the client authenticates at the token endpoint; default: what discovery offers (basic when offered).'),
  /** Take the email even when `email_verified` is not true. */
  trustUnverifiedEmail: z.boolean({ error: 'must be true or false' }).optional().describe('Take the email even when email_verified is not true.'),
  ...commonConfig,
});

export type OidcConfig = z.infer<typeof oidcConfigSchema>;
export const OIDC_SECRETS = ['clientSecret'] as const;
