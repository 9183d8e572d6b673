/**
 * An operator's command could not do what was asked (wrong engine, a server in the way, a file that
 * is not a backup). The CLI prints the message and exits 1; nothing was changed.
 */
export class OperatorError extends Error {
  override readonly name = 'OperatorError';
}
