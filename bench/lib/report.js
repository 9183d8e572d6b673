// The printed table and the target verdicts.

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—');

/** One row per scenario: req/s, p50, p99, errors, peak RSS of the serving process. */
export function table(rows) {
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB', 'CPU srv/cli/other %'];
  const body = rows.map((r) =>
    r.skipped
      ? [r.label, 'skipped', '', '', '', '', '']
      : [
          r.label,
          fmt(r.reqPerSec),
          fmt(r.p50, 2),
          fmt(r.p99, 2),
          fmt(r.errors),
          fmt(r.peakRssMb, 1),
          `${fmt(r.cpu.server)}/${fmt(r.cpu.client)}/${fmt(r.cpu.other)}`,
        ],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * Evaluates the targets. Each target: { label, measured (number|null), goal text, pass(bool|null), unit }.
 * A target whose inputs were skipped is reported as SKIP.
 */
export function verdicts(targets) {
  const widths = [
    Math.max(6, ...targets.map((t) => t.label.length)),
    Math.max(8, ...targets.map((t) => t.measuredText.length)),
    Math.max(4, ...targets.map((t) => t.goal.length)),
  ];
  const lines = [
    ['target'.padEnd(widths[0]), 'measured'.padStart(widths[1]), 'goal'.padEnd(widths[2]), 'result'].join('  '),
    [widths[0], widths[1], widths[2], 6].map((w) => '-'.repeat(w)).join('  '),
  ];
  for (const t of targets) {
    const verdict = t.pass === null ? 'SKIP' : t.pass ? 'PASS' : 'MISS';
    const note = t.noise ? `  (other processes used ${t.noise} of a core: unreliable)` : '';
    lines.push([t.label.padEnd(widths[0]), t.measuredText.padStart(widths[1]), t.goal.padEnd(widths[2]), verdict.padEnd(6)].join('  ') + note);
  }
  return lines.join('\n');
}

/** Outside CPU load above which a run's numbers are flagged: the machine may be shared. */
export const NOISE_PCT = 15;

function noiseOf(...rows) {
  const loads = rows.filter((r) => r && !r.skipped && r.cpu).map((r) => r.cpu.other);
  return loads.some((l) => l > NOISE_PCT) ? loads.map((l) => `${l.toFixed(0)}%`).join('/') : null;
}

export function ratioTarget(label, row, base, min) {
  if (!row || row.skipped || !base || base.skipped) return { label, measured: null, measuredText: 'n/a', goal: `≥ ${min}×`, pass: null };
  const ratio = row.reqPerSec / base.reqPerSec;
  return { label, measured: ratio, measuredText: `${ratio.toFixed(2)}×`, goal: `≥ ${min}×`, pass: ratio >= min, noise: noiseOf(row, base) };
}

/** `row` (optional) is the run the value comes from, for the noise flag. */
export function maxTarget(label, value, max, unit, row) {
  if (value === null || value === undefined || !Number.isFinite(value)) return { label, measured: null, measuredText: 'n/a', goal: `< ${max} ${unit}`, pass: null };
  return { label, measured: value, measuredText: `${value.toFixed(2)} ${unit}`, goal: `< ${max} ${unit}`, pass: value < max, noise: noiseOf(row) };
}
