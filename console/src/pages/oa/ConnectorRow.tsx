import { useState } from 'react';
import { oa } from '../../api/oa';
import type { OaConnector } from '../../api/types';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorNote } from '../../ui/ErrorNote';

/** One connector with "test connection" (the server asks the OA) and its result. */
export function ConnectorRow({ connector: c, onEdit, onRemoved }: { connector: OaConnector; onEdit(): void; onRemoved(): void }) {
  const t = useT();
  const { companyId } = useCompany();
  const [result, setResult] = useState<{ ok: boolean; detail: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const test = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await oa.test(companyId, c.connectorId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const label = c.name || c.kind;
  return (
    <li className="panel">
      <strong>{label}</strong> <span className="badge">{c.kind}</span> <code>{c.connectorId}</code>
      <div className="actions">
        <button type="button" onClick={test} disabled={busy} aria-label={t('oa.testNamed', { name: label })}>
          {t('oa.test')}
        </button>
        <button type="button" onClick={onEdit} aria-label={t('oa.editNamed', { name: label })}>
          {t('common.edit')}
        </button>
        <ConfirmButton
          danger
          label={t('common.delete')}
          question={t('oa.deleteQuestion', { name: label })}
          onConfirm={async () => {
            await oa.remove(companyId, c.connectorId);
            onRemoved();
          }}
        />
      </div>
      {result && (
        <p role="status" className={result.ok ? 'ok' : 'error-note'}>
          {result.ok ? t('oa.testOk') : t('oa.testFailed')} {result.detail}
        </p>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
