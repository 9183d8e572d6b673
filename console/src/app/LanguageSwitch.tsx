import { useI18n } from '../i18n';

/** 中文 / English, each named in its own language. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="language">
      <span className="visually-hidden">{t('shell.language')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as 'en' | 'zh')} aria-label={t('shell.language')}>
        <option value="zh">中文</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
