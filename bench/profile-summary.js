// Summarizes a V8 .cpuprofile (from BENCH_CPU_PROF=1): the functions with the most self time and the
// most inclusive time, so a bottleneck can be named without opening DevTools.
//   node bench/profile-summary.js bench/results/profiles/CPU….cpuprofile [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.js <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the sample stream.
const self = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = deltas[i + 1] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
// Percentages are of busy time: the server sits idle between scenarios it does not serve.
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
for (const id of idleIds) self.delete(id);
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (cf) => {
  const url = cf.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/').replace(/^.*\/main\//, '');
  return `${cf.functionName || '(anonymous)'} ${url ? `${url}:${cf.lineNumber + 1}` : ''}`.trim();
};

const selfBy = new Map();
const inclBy = new Map();
for (const [id, t] of self) {
  const key = where(nodes.get(id).callFrame);
  selfBy.set(key, (selfBy.get(key) ?? 0) + t);
  // Inclusive: credit each distinct frame on the stack once.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = where(nodes.get(cur).callFrame);
    if (seen.has(k)) continue;
    seen.add(k);
    inclBy.set(k, (inclBy.get(k) ?? 0) + t);
  }
}

const print = (title, map) => {
  console.log(`\n${title} (% of ${(total / 1000).toFixed(0)} ms busy)`);
  for (const [k, t] of [...map].filter(([k]) => k !== '(root)').sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * t) / total).toFixed(1).padStart(6)}%  ${k}`);
  }
};
print('Self time', selfBy);
print('Inclusive time', inclBy);
