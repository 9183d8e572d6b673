import { z } from 'zod';
import { baseUrl, commonConfig, text } from '../config-base.js';

/** `roster oa connector add --kind dingtalk --config '{…}'`. */
export const dingtalkConfigSchema = z.strictObject({
  /** The internal app's AppKey (also its OAuth client id). */
  clientId: text().describe('The internal app’s AppKey (also its OAuth client id).'),
  /** The app's AppSecret: encrypted at rest, never printed back. */
  clientSecret: text().describe('The app’s AppSecret: encrypted at rest, never shown back.'),
  /** The company's corpId: a user of another company is refused. */
  corpId: text().describe('The company’s corpId: a user of another company is refused.'),
  /** Default `https://api.dingtalk.com`. */
  apiBaseUrl: baseUrl.optional().describe('Default https://api.dingtalk.com.'),
  /** Default `https://oapi.dingtalk.com`. */
  oapiBaseUrl: baseUrl.optional().describe('Default https://oapi.dingtalk.com.'),
  ...commonConfig,
});

export type DingtalkConfig = z.infer<typeof dingtalkConfigSchema>;
export const DINGTALK_SECRETS = ['clientSecret'] as const;
