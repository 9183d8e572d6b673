import { z } from 'zod';
import { baseUrl, commonConfig, text } from '../config-base.js';

/** `roster oa connector add --kind wecom --config '{…}'`. */
export const wecomConfigSchema = z.strictObject({
  /** The company's corpid. */
  corpId: text(),
  /** The self-built app's AgentId; a number or a string of digits. */
  agentId: z.union([z.string().regex(/^[0-9]{1,20}$/, 'must be digits'), z.number().int().nonnegative()], { error: 'must be a number or a string of digits' }).transform(String),
  /** The app's Secret: encrypted at rest, never printed back. */
  secret: text(),
  /** Default `https://qyapi.weixin.qq.com`. */
  apiBaseUrl: baseUrl.optional(),
  /**
   * Where the job number is (a WeCom member has no such field): `alias`, or `extattr:<name>` for a
   * custom attribute. None by default.
   */
  employeeNoFrom: z.string().regex(/^(alias|extattr:.+)$/, 'must be alias or extattr:<name>').optional(),
  ...commonConfig,
});

export type WecomConfig = z.infer<typeof wecomConfigSchema>;
export const WECOM_SECRETS = ['secret'] as const;
