/** Prints a command's result: JSON with `--json`, else `key: value` lines. */
export function printResult(result: Record<string, unknown>, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  for (const [key, value] of Object.entries(result)) {
    const shown = Array.isArray(value) && value.every((v) => typeof v !== 'object') ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    console.log(`${key}: ${shown}`);
  }
}
