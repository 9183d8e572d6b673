import { z } from 'zod';
import { baseUrl, commonConfig, text } from '../config-base.js';

/** `roster oa connector add --kind wecom --config '{…}'`. */
export const wecomConfigSchema = z.strictObject({
  /** The company's corpid. */
  corpId: text().describe('The company’s corpid.'),
  /** The self-built app's AgentId; a number or a string of digits. */
  agentId: z.union([z.string().regex(/^[0-9]{1,20}$/, 'must be digits'), z.number().int().nonnegative()], { error: 'must be a number or a string of digits' }).transform(String).describe('The self-built app’s AgentId.'),
  /** The app's Secret: encrypted at rest, never printed back. */
  secret: text().describe('The app’s Secret: encrypted at rest, never shown back.'),
  /** Default `https://qyapi.weixin.qq.com`. */
  apiBaseUrl: baseUrl.optional().describe('Default https://qyapi.weixin.qq.com.'),
  /**
   * Where the job number is (a WeCom member has no such field): `alias`, or `extattr:<name>` for a
   * custom attribute. None by default.
   */
  employeeNoFrom: z.string().regex(/^(alias|extattr:.+)$/, 'must be alias or extattr:<name>').optional().describe('Where the job number is: alias, or extattr:<name> for a custom attribute; none by default.'),
  ...commonConfig,
});

export type WecomConfig = z.infer<typeof wecomConfigSchema>;
export const WECOM_SECRETS = ['secret'] as const;
