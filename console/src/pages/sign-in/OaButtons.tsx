import { oaSignInUrl, signInOptions } from '../../api/session';
import { useT } from '../../i18n';
import { useLoad } from '../../ui/useLoad';

/** One button per OA connector the company offers for console sign-in (none: nothing shown). */
export function OaButtons({ companyId }: { companyId: string }) {
  const t = useT();
  const options = useLoad(() => signInOptions(companyId), [companyId]);
  const connectors = options.data?.connectors ?? [];
  if (connectors.length === 0) return null;
  return (
    <section className="oa-buttons" aria-label={t('signIn.withOa')}>
      <h2>{t('signIn.withOa')}</h2>
      {connectors.map((c) => (
        <a key={c.connectorId} className="button" href={oaSignInUrl(companyId, c.connectorId)}>
          {t('signIn.oaButton', { name: c.name || c.kind })}
        </a>
      ))}
    </section>
  );
}
