import { useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { ErrorNote } from './ErrorNote';

interface ConfirmButtonProps {
  /** The button's text, also the confirm button's. */
  label: string;
  /** The question the dialog asks. */
  question: ReactNode;
  onConfirm(): Promise<void>;
  danger?: boolean;
}

/**
 * A button that asks first, in a modal <dialog> (focus moves into it, Escape cancels). A refusal
 * from the API stays in the dialog so the admin sees why nothing happened.
 */
export function ConfirmButton({ label, question, onConfirm, danger }: ConfirmButtonProps) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={danger ? 'danger' : undefined} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} className="confirm" aria-label={label}>
        <p>{question}</p>
        <ErrorNote error={error} />
        <div className="actions">
          <button type="button" onClick={() => dialog.current?.close()} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={confirm}>
            {label}
          </button>
        </div>
      </dialog>
    </>
  );
}
