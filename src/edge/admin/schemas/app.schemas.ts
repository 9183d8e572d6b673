import { z } from 'zod';
import type { ManagedApp } from '#src/domain/admin-ports.js';
import { CompanyId, Timestamp, toIso, toIsoOrNull } from './common.js';

const SignType = z.enum(['sha1', 'sha256', 'sha512']).describe('The benefits dialect’s sign digest.');
const RateLimit = z.number().int().min(0).max(1_000_000).describe('Requests per second per process; 0 = unlimited.');
const SessionLimit = z.number().int().min(1).max(100).describe('Live IoT sessions one user may hold through the app (default 1; the oldest ends when a new one starts).');
const ConnectorId = z.string().min(1).max(64);

export const AppSchema = z
  .object({
    appKey: z.string(),
    name: z.string(),
    kind: z.enum(['hosted', 'shared']).describe('hosted: belongs to one company; shared: installed into companies.'),
    companyId: CompanyId.nullable(),
    rateLimit: z.number().int(),
    signType: SignType,
    disabled: z.boolean().describe('A disabled app fails authentication in both dialects.'),
    previousSecretValidUntil: Timestamp.nullable().describe('After a rotation: until when the previous secret still works.'),
    oaConnectorId: z.string().nullable().describe('The OA connector its sign-ins go through; null: its company’s own (or those of the companies a shared app is installed in).'),
    sessionLimit: z.number().int(),
    createdAt: Timestamp,
  })
  .meta({ id: 'App' });

export const AppWithSecretSchema = z
  .object({ app: AppSchema, appSecret: z.string().describe('Shown only in this answer: store it now.') })
  .meta({ id: 'AppWithSecret' });

export const AppListSchema = z.object({ items: z.array(AppSchema) }).meta({ id: 'AppList' });

export const AppCreateSchema = z
  .object({
    companyId: CompanyId.optional().describe('The company the app belongs to; absent: a shared app (installation tokens only).'),
    name: z.string().min(1).max(100).optional(),
    rateLimit: RateLimit.optional(),
    signType: SignType.optional(),
    oaConnectorId: ConnectorId.optional().describe('An OA connector of the app’s company (hosted apps).'),
    sessionLimit: SessionLimit.optional(),
  })
  .meta({ id: 'AppCreate' });

export const AppUpdateSchema = z
  .object({
    name: z.string().min(1).max(100).optional(),
    rateLimit: RateLimit.optional(),
    signType: SignType.optional(),
    oaConnectorId: ConnectorId.nullable().optional().describe('A connector of a company the app serves; null: back to the default.'),
    sessionLimit: SessionLimit.optional(),
  })
  .meta({ id: 'AppUpdate' });

export const RotateSchema = z
  .object({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(86_400)
      .describe('How long the previous secret keeps working (default a day; 0 ends it now).'),
  })
  .meta({ id: 'AppRotate' });

export const AppPath = z.object({ appKey: z.string().regex(/^[0-9]{1,20}$/, 'must be an AppKey (digits)') });
export const AppListQuery = z.object({ companyId: CompanyId.optional().describe('Only the apps of this company.') });

export function appView(app: ManagedApp, now: number): z.input<typeof AppSchema> {
  const until = app.previousSecretUntil !== null && app.previousSecretUntil > now ? app.previousSecretUntil : null;
  return {
    appKey: app.appKey,
    name: app.name,
    kind: app.kind,
    companyId: app.companyId,
    rateLimit: app.rateLimit,
    signType: app.signType,
    disabled: app.disabled,
    previousSecretValidUntil: toIsoOrNull(until),
    oaConnectorId: app.oaConnectorId ?? null,
    sessionLimit: app.maxSessions ?? 1,
    createdAt: toIso(app.createdAt),
  };
}
