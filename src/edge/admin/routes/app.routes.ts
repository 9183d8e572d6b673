import { z } from 'zod';
import { defineRoute } from '../route.js';
import { InstallationSchema, InstallSchema } from '../schemas/setup.schemas.js';
import { AppCreateSchema, AppListQuery, AppListSchema, AppPath, AppSchema, AppUpdateSchema, appView, AppWithSecretSchema, RotateSchema } from '../schemas/app.schemas.js';

/** disable / enable: the same route twice. */
function toggle(disabled: boolean) {
  return defineRoute({
    method: 'POST',
    path: `/apps/{appKey}/${disabled ? 'disable' : 'enable'}`,
    operationId: disabled ? 'disableApp' : 'enableApp',
    summary: disabled ? 'Disable an app: its signatures and tokens stop working' : 'Enable a disabled app again',
    tag: 'apps',
    access: 'operator',
    params: AppPath,
    status: 200,
    response: AppSchema,
    errors: ['auth.invalid_app', 'auth.forbidden'],
    async handle({ params, caller, services }) {
      return appView(await services.apps.setDisabled(caller, params.appKey, disabled), services.now());
    },
  });
}

export const appRoutes = [
  defineRoute({
    method: 'GET',
    path: '/apps',
    operationId: 'listApps',
    summary: 'List apps (never their secrets)',
    description: 'With companyId: the apps hosted in the company and the shared apps installed there.',
    tag: 'apps',
    access: 'operator',
    query: AppListQuery,
    status: 200,
    response: AppListSchema,
    errors: ['tenant.not_found'],
    async handle({ query, caller, services }) {
      const now = services.now();
      return { items: (await services.apps.list(caller, query.companyId)).map((a) => appView(a, now)) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/apps',
    operationId: 'createApp',
    summary: 'Create an app; its secret is shown only in this answer',
    tag: 'apps',
    access: 'operator',
    body: AppCreateSchema,
    status: 201,
    response: AppWithSecretSchema,
    errors: ['tenant.not_found', 'auth.forbidden'],
    async handle({ body, caller, services }) {
      const { app, appSecret } = await services.apps.create(caller, body);
      return { app: appView(app, services.now()), appSecret };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/apps/{appKey}',
    operationId: 'getApp',
    summary: 'Get an app (without its secret)',
    tag: 'apps',
    access: 'operator',
    params: AppPath,
    status: 200,
    response: AppSchema,
    errors: ['auth.invalid_app'],
    async handle({ params, caller, services }) {
      return appView(await services.apps.get(caller, params.appKey), services.now());
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/apps/{appKey}',
    operationId: 'updateApp',
    summary: 'Change an app’s name, rate limit or sign type',
    tag: 'apps',
    access: 'operator',
    params: AppPath,
    body: AppUpdateSchema,
    status: 200,
    response: AppSchema,
    errors: ['auth.invalid_app', 'auth.forbidden'],
    async handle({ params, body, caller, services }) {
      return appView(await services.apps.update(caller, params.appKey, body), services.now());
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/apps/{appKey}/rotate-secret',
    operationId: 'rotateAppSecret',
    summary: 'Give an app a new secret; the old one works on during the overlap window',
    tag: 'apps',
    access: 'operator',
    params: AppPath,
    body: RotateSchema,
    status: 200,
    response: AppWithSecretSchema,
    errors: ['auth.invalid_app', 'auth.forbidden'],
    async handle({ params, body, caller, services }) {
      const { app, appSecret } = await services.apps.rotateSecret(caller, params.appKey, body.overlapSeconds);
      return { app: appView(app, services.now()), appSecret };
    },
  }),
  toggle(true),
  toggle(false),
  defineRoute({
    method: 'POST',
    path: '/apps/{appKey}/revoke-tokens',
    operationId: 'revokeAppTokens',
    summary: 'Revoke every access token issued to the app (the benefits dialect’s) and end its IoT sessions',
    description: 'Callers must create new tokens and users sign in again; a process may honour a revoked benefits token for up to a minute (its token cache), an IoT session ends at once.',
    tag: 'apps',
    access: 'operator',
    params: AppPath,
    status: 200,
    response: z
      .object({
        revoked: z.number().int().describe('How many benefits access tokens were revoked.'),
        revokedSessions: z.number().int().describe('How many live IoT sessions (iotToken and refreshToken) were ended.'),
      })
      .meta({ id: 'RevokedTokens' }),
    errors: ['auth.invalid_app', 'auth.forbidden'],
    async handle({ params, caller, services }) {
      return services.apps.revokeTokens(caller, params.appKey);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/apps/{appKey}/installations',
    operationId: 'installApp',
    summary: 'Install a shared app into a company (installation tokens only)',
    tag: 'apps',
    access: 'installation',
    params: AppPath,
    body: InstallSchema,
    status: 201,
    response: InstallationSchema,
    errors: ['auth.invalid_app', 'tenant.not_found'],
    async handle({ params, body, caller, services }) {
      return services.apps.install(caller, params.appKey, body.companyId);
    },
  }),
];
