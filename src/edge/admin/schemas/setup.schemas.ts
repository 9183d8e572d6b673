import { z } from 'zod';
import { CompanyId } from './common.js';

export const NameListSchema = z.object({ items: z.array(z.string()) }).meta({ id: 'NameList' });

export const NamesAddSchema = z
  .object({ names: z.array(z.string().min(1).max(50)).min(1).max(100).describe('Names to add; existing ones are kept.') })
  .meta({ id: 'NamesAdd' });

export const CostCenterSchema = z.object({ costCenterId: z.number().int(), name: z.string() }).meta({ id: 'CostCenter' });
export const CostCenterListSchema = z.object({ items: z.array(CostCenterSchema) }).meta({ id: 'CostCenterList' });
export const CostCenterCreateSchema = z.object({ name: z.string().min(1).max(100) }).meta({ id: 'CostCenterCreate' });

export const InstallSchema = z.object({ companyId: CompanyId }).meta({ id: 'AppInstall' });
export const InstallationSchema = z
  .object({ appId: z.string().describe('The installation’s appId, which the IoT dialect’s shared-app calls name.'), appKey: z.string(), companyId: CompanyId })
  .meta({ id: 'AppInstallation' });
