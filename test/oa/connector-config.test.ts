/** Connector configs: each kind's schema refuses a bad config with a message naming the key; secrets never come back. */
import { describe, expect, it } from 'vitest';
import { parseConnectorConfig, redactConfig } from '../../src/app/oa/registry.js';
import { DomainError } from '../../src/domain/errors.js';
import type { OaConnectorKind } from '../../src/domain/oa-connector.js';

function refusal(kind: OaConnectorKind, config: unknown): { param?: string; rule?: string } {
  try {
    parseConnectorConfig(kind, config);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('request.invalid_params');
    return (error as DomainError).details;
  }
  throw new Error('expected the config to be refused');
}

describe('connector configs', () => {
  it('accepts each kind\'s documented keys (agentId as string or number; optional base URLs)', () => {
    expect(parseConnectorConfig('dingtalk', { clientId: 'a', clientSecret: 'b', corpId: 'c', apiBaseUrl: 'https://api.dingtalk.com', requirePhone: true })).toMatchObject({ requirePhone: true });
    expect(parseConnectorConfig('wecom', { corpId: 'ww1', agentId: 1000002, secret: 's' })).toMatchObject({ agentId: '1000002' });
    expect(parseConnectorConfig('wecom', { corpId: 'ww1', agentId: '1000002', secret: 's' })).toMatchObject({ agentId: '1000002' });
    expect(parseConnectorConfig('feishu', { appId: 'cli_1', appSecret: 's', apiBaseUrl: 'https://open.larksuite.com' })).toMatchObject({ appId: 'cli_1' });
    expect(parseConnectorConfig('oidc', { issuer: 'https://idp.example', clientId: 'c', clientSecret: 's', redirectUri: 'https://app.example/cb', tokenEndpointAuthMethod: 'client_secret_post' })).toMatchObject({ tokenEndpointAuthMethod: 'client_secret_post' });
    expect(parseConnectorConfig('dev', {})).toEqual({});
  });

  it.each([
    ['dingtalk', { clientSecret: 'b', corpId: 'c' }, 'config.clientId', 'is required'],
    ['dingtalk', { clientId: 'a', clientSecret: 'b', corpId: 'c', oapiBaseUrl: 'ftp://x' }, 'config.oapiBaseUrl', 'must be an http(s) URL'],
    ['wecom', { corpId: 'ww1', agentId: 'abc', secret: 's' }, 'config.agentId', expect.stringContaining('')],
    ['wecom', { corpId: 'ww1', agentId: 1, secret: '' }, 'config.secret', 'must not be empty'],
    ['feishu', { appId: 'a', appSecret: 's', appSecrets: 'typo' }, 'config.appSecrets', 'is not a key of this kind'],
    ['oidc', { issuer: 'https://idp', clientId: 'c', clientSecret: 's', redirectUri: 'https://a/cb', tokenEndpointAuthMethod: 'private_key_jwt' }, 'config.tokenEndpointAuthMethod', 'must be client_secret_basic or client_secret_post'],
    ['oidc', { issuer: 'https://idp', clientId: 'c', clientSecret: 's' }, 'config.redirectUri', 'is required'],
    ['dev', { requirePhone: 'yes' }, 'config.requirePhone', 'must be true or false'],
  ] as const)('%s: refuses %j naming %s', (kind, config, param, rule) => {
    expect(refusal(kind, config)).toEqual({ param, rule });
  });

  it('refuses a config that is not an object', () => {
    expect(refusal('dingtalk', 'clientId=a').param).toBe('config');
  });

  it('redacts every secret for listing', () => {
    expect(redactConfig('dingtalk', { clientId: 'a', clientSecret: 'b', corpId: 'c' })).toEqual({ clientId: 'a', clientSecret: '***', corpId: 'c' });
    expect(redactConfig('wecom', { corpId: 'a', agentId: '1', secret: 'b' }).secret).toBe('***');
    expect(redactConfig('feishu', { appId: 'a', appSecret: 'b' }).appSecret).toBe('***');
    expect(redactConfig('oidc', { issuer: 'x', clientSecret: 'b' }).clientSecret).toBe('***');
  });
});
