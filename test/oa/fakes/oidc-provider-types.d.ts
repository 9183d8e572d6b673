// The parts of oidc-provider 9 the test fake uses (the package ships no types, and no @types
// dependency is added for a test double).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & { findAccount?(ctx: unknown, sub: string): Promise<Account | undefined> });
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    Grant: new (fields: { accountId: string; clientId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> };
    Client: { find(clientId: string): Promise<unknown> };
    AuthorizationCode: new (fields: Record<string, unknown>) => { save(): Promise<string> };
  }
}
