import { useState, type FormEvent } from 'react';
import type { AuditQuery } from '@roster/admin-sdk';
import { admin } from '../../api/client';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { TextField } from '../../ui/fields';
import { Pager, useCursorPages } from '../../ui/Pager';
import { useLoad } from '../../ui/useLoad';

interface Filters {
  actorId: string;
  objectType: string;
  objectId: string;
  since: string;
  until: string;
}

const NONE: Filters = { actorId: '', objectType: '', objectId: '', since: '', until: '' };

/** `datetime-local` is the admin's local time; the API wants an instant. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

function toQuery(companyId: string, f: Filters): AuditQuery {
  const q: AuditQuery = { companyId, limit: 50 };
  if (f.actorId.trim()) q.actorId = f.actorId.trim();
  if (f.objectType.trim()) q.objectType = f.objectType.trim();
  if (f.objectId.trim()) q.objectId = f.objectId.trim();
  if (f.since) q.since = instant(f.since)!;
  if (f.until) q.until = instant(f.until)!;
  return q;
}

/** Changes made through the admin API and the console, newest first: who, what, which object, which fields. */
export function AuditPage() {
  const t = useT();
  const { companyId } = useCompany();
  const [draft, setDraft] = useState(NONE);
  const [filters, setFilters] = useState(NONE);
  const pages = useCursorPages();
  const query = toQuery(companyId, filters);
  const events = useLoad(() => admin.audit.list({ ...query, ...(pages.cursor ? { cursor: pages.cursor } : {}) }), [JSON.stringify(query), pages.cursor]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    pages.reset();
  };
  const field = (key: keyof Filters) => ({ value: draft[key], onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }) });
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <form className="filters" onSubmit={submit} role="search" aria-label={t('audit.filters')}>
        <TextField label={t('audit.actor')} hint={t('audit.actorHint')} {...field('actorId')} />
        <TextField label={t('audit.objectType')} hint="employee, department, app…" {...field('objectType')} />
        <TextField label={t('audit.objectId')} {...field('objectId')} />
        <TextField label={t('audit.since')} type="datetime-local" {...field('since')} />
        <TextField label={t('audit.until')} type="datetime-local" {...field('until')} />
        <button type="submit" className="primary">
          {t('audit.apply')}
        </button>
      </form>
      <ErrorNote error={events.error} />
      <table>
        <caption className="visually-hidden">{t('audit.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.object')}</th>
            <th scope="col">{t('audit.fields')}</th>
          </tr>
        </thead>
        <tbody>
          {events.data?.items.map((e) => (
            <tr key={e.eventId}>
              <td>
                <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
              </td>
              <td>
                {e.actor.name} <code>{e.actor.id}</code>
              </td>
              <td>{e.action}</td>
              <td>
                {e.objectType} {e.objectId && <code>{e.objectId}</code>}
              </td>
              <td>{e.changedFields.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.data?.items.length === 0 && <p role="status">{t('audit.none')}</p>}
      <Pager pages={pages} nextCursor={events.data?.nextCursor ?? null} />
    </section>
  );
}
