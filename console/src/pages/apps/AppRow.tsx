import { useState, type FormEvent } from 'react';
import type { App, AppWithSecret } from '@roster/admin-sdk';
import { admin } from '../../api/client';
import type { OaConnector } from '../../api/types';
import { useT } from '../../i18n';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorNote } from '../../ui/ErrorNote';

/** One app: its rate limit and OA connector edited in place, secret rotation (the old one keeps working a day), disable/enable. */
export function AppRow({ app, connectors, onChanged, onSecret }: { app: App; connectors: OaConnector[]; onChanged(): void; onSecret(made: AppWithSecret): void }) {
  const t = useT();
  const [rate, setRate] = useState(String(app.rateLimit));
  const [error, setError] = useState<unknown>(null);
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const saveRate = (event: FormEvent) => {
    event.preventDefault();
    void act(() => admin.apps.update(app.appKey, { rateLimit: Number(rate) }));
  };
  const label = app.name || app.appKey;
  return (
    <tr>
      <td>{app.name}</td>
      <td>
        <code>{app.appKey}</code>
      </td>
      <td>{app.signType}</td>
      <td>
        <form onSubmit={saveRate} className="inline">
          <input type="number" min={0} value={rate} onChange={(e) => setRate(e.target.value)} aria-label={t('apps.rateLimitOf', { name: label })} />
          <button type="submit" aria-label={t('apps.saveRateOf', { name: label })}>
            {t('common.save')}
          </button>
        </form>
      </td>
      <td>
        <select
          value={app.oaConnectorId ?? ''}
          aria-label={t('apps.oaConnectorOf', { name: label })}
          onChange={(e) => void act(() => admin.apps.update(app.appKey, { oaConnectorId: e.target.value || null }))}
        >
          <option value="">{t('apps.noConnector')}</option>
          {connectors.map((c) => (
            <option key={c.connectorId} value={c.connectorId}>
              {c.name || c.kind}
            </option>
          ))}
        </select>
        <div className="hint">{t('apps.sessions', { count: app.sessionLimit })}</div>
      </td>
      <td>
        {app.disabled ? t('apps.disabled') : t('apps.enabled')}
        {app.previousSecretValidUntil && <div className="hint">{t('apps.oldSecretUntil', { at: new Date(app.previousSecretValidUntil).toLocaleString() })}</div>}
      </td>
      <td className="actions">
        <ConfirmButton
          label={t('apps.rotate')}
          question={t('apps.rotateQuestion', { name: label })}
          onConfirm={async () => {
            onSecret(await admin.apps.rotateSecret(app.appKey));
          }}
        />
        {app.disabled ? (
          <button type="button" onClick={() => act(() => admin.apps.enable(app.appKey))}>
            {t('apps.enable')}
          </button>
        ) : (
          <ConfirmButton danger label={t('apps.disable')} question={t('apps.disableQuestion', { name: label })} onConfirm={async () => void (await admin.apps.disable(app.appKey), onChanged())} />
        )}
        <ErrorNote error={error} />
      </td>
    </tr>
  );
}
