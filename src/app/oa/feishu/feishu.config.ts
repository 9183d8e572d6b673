import { z } from 'zod';
import { baseUrl, commonConfig, text } from '../config-base.js';

/** `roster oa connector add --kind feishu --config '{…}'`. Lark: `apiBaseUrl: "https://open.larksuite.com"`. */
export const feishuConfigSchema = z.strictObject({
  appId: text(),
  /** Encrypted at rest, never printed back. */
  appSecret: text(),
  /** Default `https://open.feishu.cn`. */
  apiBaseUrl: baseUrl.optional(),
  /** The company's tenant_key; when set, a user of another tenant is refused. */
  tenantKey: text().optional(),
  /** The redirect_uri the login page used, when the authorize request carried one. */
  redirectUri: baseUrl.optional(),
  ...commonConfig,
});

export type FeishuConfig = z.infer<typeof feishuConfigSchema>;
export const FEISHU_SECRETS = ['appSecret'] as const;
