import { z } from 'zod';
import { baseUrl, commonConfig, text } from '../config-base.js';

/** `roster oa connector add --kind dingtalk --config '{…}'`. */
export const dingtalkConfigSchema = z.strictObject({
  /** The internal app's AppKey (also its OAuth client id). */
  clientId: text(),
  /** The app's AppSecret: encrypted at rest, never printed back. */
  clientSecret: text(),
  /** The company's corpId: a user of another company is refused. */
  corpId: text(),
  /** Default `https://api.dingtalk.com`. */
  apiBaseUrl: baseUrl.optional(),
  /** Default `https://oapi.dingtalk.com`. */
  oapiBaseUrl: baseUrl.optional(),
  ...commonConfig,
});

export type DingtalkConfig = z.infer<typeof dingtalkConfigSchema>;
export const DINGTALK_SECRETS = ['clientSecret'] as const;
