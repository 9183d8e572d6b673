import { useT, type MessageKey } from '../i18n';
import { Link } from './router';

const ITEMS: { to: string; label: MessageKey }[] = [
  { to: '/employees', label: 'nav.employees' },
  { to: '/departments', label: 'nav.departments' },
  { to: '/import', label: 'nav.import' },
  { to: '/setup', label: 'nav.setup' },
  { to: '/apps', label: 'nav.apps' },
  { to: '/oa', label: 'nav.oa' },
  { to: '/audit', label: 'nav.audit' },
  { to: '/account', label: 'nav.account' },
];

/** The page list; the current page is marked for screen readers (aria-current). */
export function Nav({ path }: { path: string }) {
  const t = useT();
  const current = path === '/' ? '/employees' : `/${path.split('/')[1]}`;
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.to}>
            <Link to={item.to} aria-current={current === item.to ? 'page' : undefined}>
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
