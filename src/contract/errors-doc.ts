import { ERROR_CODES } from '#src/domain/errors.js';
import { BENEFITS_ERRORS } from '#src/edge/benefits/error-map.js';
import { IOT_ERRORS } from '#src/edge/iot/error-map.js';

/**
 * docs/errors.md, rendered from the catalogue and both dialects' maps: the maps are the single
 * source, and a test fails when the committed file drifts from them (`npm run docs` rewrites it).
 */
export function renderErrorsDoc(): string {
  const rows = ERROR_CODES.map((code) => {
    const iot = IOT_ERRORS[code];
    const iotCell =
      iot.kind === 'gateway'
        ? `HTTP ${iot.http}, \`X-Ca-Error-Message: ${iot.message}\`, no body`
        : `HTTP 200, code ${iot.code}, \`${iot.message}\` / ${iot.zh}`;
    const b = BENEFITS_ERRORS[code] as { code: number; msg: unknown; detail?: boolean };
    const msg = typeof b.msg === 'function' ? '`<attributeCode>未启用,扩展信息字段attributeCode错误或未启用`' : `\`${String(b.msg)}\``;
    const benefitsCell = `${b.code}, ${msg}${b.detail ? ' + `: <param> <rule>`' : ''}`;
    return `| \`${code}\` | ${iotCell} | ${benefitsCell} |`;
  });
  return [
    '# Error codes',
    '',
    'One catalogue (`src/domain/errors.ts`), two wire dialects. Generated from the code by `npm run docs`;',
    'a test fails when this file and the code disagree.',
    '',
    '- **IoT account dialect.** Gateway errors: the HTTP status, the reason in `X-Ca-Error-Message`, an',
    '  `X-Ca-Request-Id`, no body. Business errors: HTTP 200 and `{id, code, message, localizedMsg, data: null}`,',
    '  `localizedMsg` in Chinese, or English when `request.language` or `Accept-Language` asks for it.',
    '  A bad signature\'s message also carries `, Server StringToSign:<string with # for newlines>`.',
    '  460 `request parameter error.` and 20003 name what was wrong after the text: `request parameter error. (<param>: <rule>)`,',
    '  `请求参数错误（<param>：<rule>）`; `Find Backend Error (this endpoint serves apiVer <v>)`.',
    '- **Benefits open-API dialect.** Always HTTP 200 and `{code, msg, data: null}` with an `x-trace-id` header.',
    '',
    '| catalogue code | IoT account dialect | benefits dialect (code, msg) |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
