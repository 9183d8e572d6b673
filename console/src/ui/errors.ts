import { RosterAdminError } from '@roster/admin-sdk';

/** What to show for a failure: the API's own message (the same the API documents), else a plain one. */
export function errorText(error: unknown): string {
  if (error instanceof RosterAdminError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The parameter a refusal names (`details.param`), so the form can mark that field. */
export function errorParam(error: unknown): string | undefined {
  return error instanceof RosterAdminError ? error.details?.param : undefined;
}
