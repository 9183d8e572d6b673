import { useCallback, useState } from 'react';
import { useT } from '../i18n';

/** Cursor paging: the cursors of the pages already seen, so "previous" goes back without offsets. */
export function useCursorPages() {
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack[stack.length - 1];
  const next = useCallback((c: string) => setStack((s) => [...s, c]), []);
  const previous = useCallback(() => setStack((s) => s.slice(0, -1)), []);
  const reset = useCallback(() => setStack([]), []);
  return { cursor, page: stack.length + 1, next, previous, reset };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

export function Pager({ pages, nextCursor }: { pages: CursorPages; nextCursor: string | null }) {
  const t = useT();
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" onClick={pages.previous} disabled={pages.page === 1}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.page', { page: pages.page })}</span>
      <button type="button" onClick={() => nextCursor && pages.next(nextCursor)} disabled={!nextCursor}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
