import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAdmin } from '../../test/admin/support.js';
import { uniqueMobile } from '../../test/benefits/support/world.js';
import { startWecomFake, type WecomFake } from '../../test/oa/fakes/wecom.fake.js';
import { testDatabases } from '../../test/support/databases.js';
import { createRosterAdmin, RosterAdminError } from '../src/index.js';

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; param?: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RosterAdminError);
    const e = error as RosterAdminError;
    return { status: e.status, code: e.code, ...(e.details?.param ? { param: e.details.param } : {}) };
  }
  throw new Error('expected a refusal');
}

for (const db of testDatabases()) {
  describe(`OA connectors through the SDK (${db.name})`, () => {
    const ctx = useAdmin(db);
    let wecom: WecomFake;
    beforeAll(async () => {
      wecom = await startWecomFake();
    });
    afterAll(() => wecom?.close());
    const sdk = () => createRosterAdmin({ baseUrl: ctx().baseUrl, token: ctx().token });

    it('lists every kind with the fields of its own config schema', async () => {
      const kinds = await sdk().oaConnectors.kinds();
      expect(kinds.map((k) => k.kind)).toEqual(['dingtalk', 'wecom', 'feishu', 'oidc', 'dev']);
      const oidc = kinds.find((k) => k.kind === 'oidc')!.fields;
      expect(oidc.find((f) => f.name === 'clientSecret')).toMatchObject({ type: 'string', required: true, secret: true, description: expect.stringContaining('never shown') });
      expect(oidc.find((f) => f.name === 'issuer')).toMatchObject({ type: 'url', required: true, secret: false });
      expect(oidc.find((f) => f.name === 'trustUnverifiedEmail')).toMatchObject({ type: 'boolean', required: false });
      expect(oidc.find((f) => f.name === 'tokenEndpointAuthMethod')?.enum).toEqual(['client_secret_basic', 'client_secret_post']);
      expect(kinds.find((k) => k.kind === 'wecom')!.fields.filter((f) => f.secret).map((f) => f.name)).toEqual(['secret']);
      expect(kinds.find((k) => k.kind === 'dev')!.fields.map((f) => f.name)).toEqual(['requirePhone']);
    });

    it('creates, lists, tests, updates and deletes connectors; secrets are write-only', async () => {
      const admin = sdk();
      const { companyId } = await admin.companies.create({ name: 'OA SDK', main: { phone: uniqueMobile() } });
      const config = { corpId: wecom.corpId, agentId: 1000002, secret: wecom.secret, apiBaseUrl: wecom.url };
      const made = await admin.oaConnectors.create(companyId, { kind: 'wecom', name: 'WeCom', config });
      expect(made).toMatchObject({ companyId, kind: 'wecom', name: 'WeCom', config: { corpId: wecom.corpId, agentId: '1000002', secret: { set: true }, apiBaseUrl: wecom.url } });
      expect(JSON.stringify(await admin.oaConnectors.list(companyId))).not.toContain(wecom.secret);
      expect(await admin.oaConnectors.get(companyId, made.connectorId)).toEqual(made);
      expect(await admin.oaConnectors.find(made.connectorId)).toEqual(made);
      expect(await admin.oaConnectors.test(companyId, made.connectorId)).toMatchObject({ ok: true, detail: expect.stringContaining('app token fetched') });

      // A PATCH without the secret keeps it; one with a wrong secret makes the test fail (not an error).
      const renamed = await admin.oaConnectors.update(companyId, made.connectorId, { name: '企业微信', config: { employeeNoFrom: 'alias', secret: { set: true } } });
      expect(renamed).toMatchObject({ name: '企业微信', config: { employeeNoFrom: 'alias', secret: { set: true } } });
      expect((await admin.oaConnectors.test(companyId, made.connectorId)).ok).toBe(true);
      await admin.oaConnectors.update(companyId, made.connectorId, { config: { secret: 'rotated-wrong', employeeNoFrom: null } });
      expect(await admin.oaConnectors.test(companyId, made.connectorId)).toMatchObject({ ok: false, detail: expect.stringContaining('40001') });
      expect((await admin.oaConnectors.get(companyId, made.connectorId)).config).not.toHaveProperty('employeeNoFrom');

      expect(await refusal(admin.oaConnectors.create(companyId, { kind: 'wecom', config: { corpId: 'x' } }))).toEqual({ status: 400, code: 'request.invalid_params', param: 'config.agentId' });
      expect(await refusal(admin.oaConnectors.create(companyId, { kind: 'oidc', config: { issuer: 'ftp://x' } }))).toMatchObject({ status: 400, param: 'config.issuer' });
      expect(await refusal(admin.oaConnectors.update(companyId, made.connectorId, { config: { nope: 1 } }))).toMatchObject({ status: 400, param: 'config.nope' });
      expect(await refusal(admin.oaConnectors.create(companyId, { kind: 'slack' as 'dev', config: {} }))).toMatchObject({ status: 400, param: 'kind' });

      await admin.oaConnectors.delete(companyId, made.connectorId);
      expect(await admin.oaConnectors.list(companyId)).toEqual([]);
      expect(await refusal(admin.oaConnectors.get(companyId, made.connectorId))).toEqual({ status: 404, code: 'oa.connector_unknown' });
      expect(await refusal(admin.oaConnectors.test(companyId, made.connectorId))).toEqual({ status: 404, code: 'oa.connector_unknown' });
    });

    it('gives apps an OA connector and an IoT session limit', async () => {
      const admin = sdk();
      const { companyId } = await admin.companies.create({ name: 'OA Apps' });
      const other = await admin.companies.create({ name: 'Not it' });
      const dev = await admin.oaConnectors.create(companyId, { kind: 'dev', config: {} });
      const theirs = await admin.oaConnectors.create(other.companyId, { kind: 'dev', config: {} });
      const { app } = await admin.apps.create({ companyId, oaConnectorId: dev.connectorId, sessionLimit: 3 });
      expect(app).toMatchObject({ oaConnectorId: dev.connectorId, sessionLimit: 3 });
      expect(await admin.apps.get(app.appKey)).toMatchObject({ oaConnectorId: dev.connectorId, sessionLimit: 3 });
      expect(await admin.apps.update(app.appKey, { sessionLimit: 5, oaConnectorId: null })).toMatchObject({ oaConnectorId: null, sessionLimit: 5 });
      expect(await refusal(admin.apps.update(app.appKey, { oaConnectorId: theirs.connectorId }))).toEqual({ status: 400, code: 'request.invalid_params', param: 'oaConnectorId' });
      expect(await refusal(admin.apps.create({ companyId, oaConnectorId: 'nope' }))).toEqual({ status: 404, code: 'oa.connector_unknown', param: 'oaConnectorId' });
      expect(await refusal(admin.apps.create({ companyId, sessionLimit: 0 }))).toMatchObject({ status: 400, param: 'sessionLimit' });
      expect((await admin.apps.create({ companyId })).app.sessionLimit).toBe(1);
    });
  });
}
