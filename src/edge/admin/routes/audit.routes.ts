import { defineRoute } from '../route.js';
import { AuditPageSchema, AuditQuery, auditView } from '../schemas/audit.schemas.js';

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    path: '/audit-events',
    operationId: 'listAuditEvents',
    summary: 'Changes made through the admin API, newest first',
    description: 'Filter by company, actor (token id), object and time. A company token sees its company’s events only.',
    tag: 'audit',
    access: 'operator',
    query: AuditQuery,
    status: 200,
    response: AuditPageSchema,
    errors: ['tenant.not_found'],
    async handle({ query, caller, services }) {
      const { cursor, limit, since, until, ...filter } = query;
      const page = await services.audit.list(
        caller,
        { ...filter, since: since === undefined ? undefined : Date.parse(since), until: until === undefined ? undefined : Date.parse(until) },
        cursor,
        limit,
      );
      return { items: page.events.map(auditView), nextCursor: page.nextCursor };
    },
  }),
];
