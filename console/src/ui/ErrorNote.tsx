import { RosterAdminError } from '@roster/admin-sdk';
import { errorText } from './errors';

/** A failure, announced to screen readers; shows the API's catalogue code beside its message. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const code = error instanceof RosterAdminError ? error.code : null;
  return (
    <p className="error-note" role="alert">
      {errorText(error)}
      {code && <code className="error-code">{code}</code>}
    </p>
  );
}

/** A success or progress line for screen readers and eyes. */
export function StatusNote({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return (
    <p className="status-note" role="status">
      {children}
    </p>
  );
}
