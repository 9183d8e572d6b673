import { useState } from 'react';
import { useT } from '../i18n';

/** Copies a value to the clipboard and says so (for a secret shown once). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" onClick={copy} aria-label={label}>
      {copied ? t('common.copied') : t('common.copy')}
    </button>
  );
}
