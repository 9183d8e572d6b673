/** The digest the benefits dialect signs with; SHA-1 unless the app is configured otherwise. */
export type SignType = 'sha1' | 'sha256' | 'sha512';

/**
 * A client application. A hosted app belongs to one company; a shared (multi-tenant SaaS) app belongs
 * to none and reaches the companies it is installed in, each installation named by an `appId`.
 */
export interface App {
  appKey: string;
  name: string;
  kind: 'hosted' | 'shared';
  companyId: string | null;
  /** Requests per second allowed per process; 0 turns the limit off. */
  rateLimit: number;
  signType: SignType;
  createdAt: number;
  /** The OA connector this app's sign-ins go through; null: the company's only connector. */
  oaConnectorId?: string | null;
  /** Live IoT sessions allowed per identity; 1 (the platform's rule) ends the older one on a new sign-in. */
  maxSessions?: number;
}

/** An app with its secret in clear, for signature checks only. */
export interface AppCredentials extends App {
  appSecret: string;
  /** After a rotation: the secret before it, and until when (epoch ms) it is still accepted. */
  previousSecret?: { secret: string; until: number } | undefined;
}

/** The secrets a signature may be made with at `now`: the current one, and the previous during its overlap. */
export function acceptedSecrets(app: AppCredentials, now: number): string[] {
  return app.previousSecret && app.previousSecret.until > now ? [app.appSecret, app.previousSecret.secret] : [app.appSecret];
}

export interface AppInstallation {
  appId: string;
  appKey: string;
  companyId: string;
}
