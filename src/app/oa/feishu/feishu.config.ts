import { z } from 'zod';
import { baseUrl, commonConfig, text } from '../config-base.js';

/** `roster oa connector add --kind feishu --config '{…}'`. Lark: `apiBaseUrl: "https://open.larksuite.com"`. */
export const feishuConfigSchema = z.strictObject({
  appId: text().describe('The custom app’s App ID.'),
  /** Encrypted at rest, never printed back. */
  appSecret: text().describe('The app’s App Secret: encrypted at rest, never shown back.'),
  /** Default `https://open.feishu.cn`. */
  apiBaseUrl: baseUrl.optional().describe('Default https://open.feishu.cn (Lark: https://open.larksuite.com).'),
  /** The company's tenant_key; when set, a user of another tenant is refused. */
  tenantKey: text().optional().describe('The company’s tenant_key; when set, a user of another tenant is refused.'),
  /** The redirect_uri the login page used, when the authorize request carried one. */
  redirectUri: baseUrl.optional().describe('The redirect_uri the login page used, when the authorize request carried one.'),
  ...commonConfig,
});

export type FeishuConfig = z.infer<typeof feishuConfigSchema>;
export const FEISHU_SECRETS = ['appSecret'] as const;
