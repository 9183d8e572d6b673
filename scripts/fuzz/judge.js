// Reads one reply: what it said (a short code for the summary), whether it was a success, and what
// is wrong with it, if anything: a 5xx or server-error code, a transport failure, a success where the
// step must be refused, a wrong code, a header echoed back, or a connection closed uncleanly.

const IOT_SERVER_ERROR = 500;
const BENEFITS_SYSTEM_ERROR = 1000310010;

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What the reply said, as one short key per dialect (`env 460`, `400 Invalid Signature`, `1000210002`). */
function describe(dialect, res) {
  if (res.unsendable) return { key: `unsendable ${res.unsendable}` };
  if (res.error) return { key: `transport ${res.error}` };
  const body = parseJson(res.text);
  if (dialect === 'iot') {
    const message = res.headers['x-ca-error-message'];
    if (res.status === 200 && body && typeof body.code === 'number') return { key: `env ${body.code}`, code: body.code, success: body.code === 200, body };
    const said = message ? ` ${String(message).split(',')[0]}` : '';
    return { key: `${res.status}${said}`, success: res.status < 300 };
  }
  if (res.status === 200 && body && typeof body.code === 'number') return { key: String(body.code), code: body.code, success: body.code === 0, body };
  return { key: `http ${res.status}`, success: res.status < 300 && res.status !== 204 };
}

/**
 * Judges `res` for `step` (`{ expect: 'any'|'reject'|{code}, leakProbe? }`). Resolves
 * `{ key, success, body, failure? }`; `failure` is a short reason.
 */
export function judge(dialect, step, res) {
  const said = describe(dialect, res);
  const fail = (reason) => ({ ...said, failure: reason });
  if (res.unsendable) return said;
  if (res.error) return fail(`no answer (${res.error})`);
  if (res.status >= 500) return fail(`HTTP ${res.status}`);
  if (dialect === 'iot' && said.code === IOT_SERVER_ERROR) return fail('IoT code 500 (server error)');
  if (dialect === 'benefits' && said.code === BENEFITS_SYSTEM_ERROR) return fail('1000310010 system error');
  if (res.raw && res.closedByServer && String(res.headers.connection ?? '').toLowerCase() !== 'close') {
    return fail('socket closed without Connection: close');
  }
  if (step.leakProbe && String(res.headers?.['x-ca-error-message'] ?? '').includes(step.leakProbe)) {
    return fail('X-Ca-Error-Message echoes a non-gateway header');
  }
  if (step.expect === 'reject' && said.success) return fail('unexpected success');
  if (typeof step.expect === 'object' && said.code !== step.expect.code) return fail(`code ${said.key}, expected ${step.expect.code}`);
  return said;
}
