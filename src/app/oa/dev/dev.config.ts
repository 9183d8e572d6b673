import { z } from 'zod';
import { commonConfig } from '../config-base.js';

/** The development OA takes no settings but the common ones. */
export const devConfigSchema = z.strictObject({ ...commonConfig });
export const DEV_SECRETS = [] as const;
