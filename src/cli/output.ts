/** Prints a command's result: JSON with `--json`, else `key: value` lines (a list: one line per item). */
export function printResult(result: Record<string, unknown>, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  for (const [key, value] of Object.entries(result)) {
    if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
      console.log(`${key}: ${value.length}`);
      for (const item of value) console.log(`  ${JSON.stringify(item)}`);
    } else console.log(`${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`);
  }
}
