import type { AppWithSecret } from '@roster/admin-sdk';
import { useT } from '../../i18n';
import { CopyButton } from '../../ui/CopyButton';

/** A secret the server shows once: copy it now; it is gone from the page when dismissed. */
export function NewSecret({ made, onDone }: { made: AppWithSecret; onDone(): void }) {
  const t = useT();
  return (
    <section className="secret panel" role="alert" aria-labelledby="secret-title">
      <h2 id="secret-title">{t('apps.secretOnce')}</h2>
      <dl>
        <dt>AppKey</dt>
        <dd>
          <code data-testid="app-key">{made.app.appKey}</code> <CopyButton value={made.app.appKey} label={t('apps.copyKey')} />
        </dd>
        <dt>AppSecret</dt>
        <dd>
          <code data-testid="app-secret">{made.appSecret}</code> <CopyButton value={made.appSecret} label={t('apps.copySecret')} />
        </dd>
      </dl>
      <button type="button" onClick={onDone}>
        {t('apps.stored')}
      </button>
    </section>
  );
}
