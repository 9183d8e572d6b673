// The summary: requests per engine and dialect, the codes seen, failures grouped by what went wrong
// with one repro each (seed, dialect, case index and the request), and the invariants.

/** Which issue #6 item a failure most likely belongs to, from its case kind and reason. */
export function itemHint(f) {
  const { kind, reason } = f;
  const refusedWrongly = reason === 'unexpected success';
  const sent = JSON.stringify(f.request);
  if (/no answer/.test(reason)) return 'item 19? (a keep-alive socket the server closed without Connection: close)';
  if (/raw-|Connection: close/.test(`${kind} ${reason}`)) return 'item 19';
  if (/auth-leak-probe/.test(kind)) return 'item 11';
  // An OA profile reaches storage unchecked: NUL, or a length the PostgreSQL column refuses.
  if (!refusedWrongly && /oa-[^+]*:nul/.test(kind)) return 'item 17, through the OA profile';
  if (!refusedWrongly && /oa-/.test(kind)) return 'item 18 (lengths mean the same on both engines), through the OA profile';
  if (/auth-(no-md5-body-swap|unsigned-timestamp-nonce|no-signature-headers)/.test(kind)) return 'item 6';
  if (/auth-replay|auth-email-resplit|separator:email/.test(kind) && f.dialect === 'benefits') return 'item 10';
  if (/conflict/.test(kind)) return 'item 21';
  if (/:nul:|\\u0000/.test(`${kind} ${sent}`)) return 'item 17';
  if (/item18|unicode:email|%C4%B0/.test(`${kind} ${sent}`)) return 'item 18';
  if (/auth-huge/.test(kind)) return 'item 1';
  return '';
}

const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);

/** Prints the report of `runs` (fuzzEngine results) with `log`; returns the number of problems. */
export function printReport({ seed, runs, log }) {
  let problems = 0;
  log('\n== fuzz summary ==');
  log(`seed ${seed}`);
  log(`${pad('engine', 9)}${pad('dialect', 10)}${padL('requests', 10)}${padL('cases', 9)}${padL('successes', 11)}${padL('seconds', 9)}${padL('req/s', 8)}${padL('failures', 10)}  stopped by`);
  for (const run of runs) {
    for (const d of run.dialects) {
      log(`${pad(run.engine, 9)}${pad(d.dialect, 10)}${padL(d.requests, 10)}${padL(d.cases, 9)}${padL(d.successes, 11)}${padL((d.ms / 1000).toFixed(1), 9)}${padL(Math.round(d.requests / (d.ms / 1000 || 1)), 8)}${padL(d.failures.length, 10)}  ${d.stoppedBy}`);
    }
  }
  for (const run of runs) {
    for (const d of run.dialects) {
      log(`\ncodes seen: ${run.engine}/${d.dialect}`);
      for (const [key, n] of [...d.codes].sort((a, b) => b[1] - a[1])) log(`  ${padL(n, 8)}  ${key}`);
    }
  }
  for (const run of runs) {
    const failures = run.dialects.flatMap((d) => d.failures);
    problems += failures.length;
    if (run.crash) {
      problems++;
      log(`\nSERVER CRASHED on ${run.engine}: ${JSON.stringify(run.crash.exit)}\n${run.crash.output}`);
    }
    const groups = new Map();
    for (const f of failures) {
      const key = `${f.dialect} | ${f.kind} | ${f.reason}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(f);
    }
    if (groups.size) log(`\nfailures on ${run.engine} (${failures.length}), grouped; one repro each:`);
    for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
      const f = list[0];
      const hint = itemHint(f);
      log(`  ${padL(list.length, 6)} × ${key}${hint ? `   [issue #6 ${hint}]` : ''}`);
      log(`           repro: FUZZ_SEED=${seed} FUZZ_ONLY=${f.dialect}:${f.index} FUZZ_ENGINES=${run.engine} npm run fuzz   (step ${f.step}, answered ${f.said})`);
      log(`           request: ${JSON.stringify(f.request)}`);
    }
    const broken = run.invariants.filter((c) => c.failed);
    problems += broken.length;
    log(`\ninvariants on ${run.engine}: ${run.invariants.length - broken.length}/${run.invariants.length} hold`);
    for (const c of run.invariants) log(`  ${c.failed ? 'BROKEN' : 'ok    '} company ${c.company}: ${c.check} = ${c.actual} (expected ${c.expected})`);
  }
  log(problems ? `\nFUZZ FAILED: ${problems} problem(s)` : '\nfuzz passed: no 5xx, no crash, no unexpected success, invariants hold');
  return problems;
}
