import type { DomainError } from '#src/domain/errors.js';

/** Chinese wording of the rules the IoT edge states; a rule not listed is shown as written. */
const RULES_ZH: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^is required$/, () => '为必填项'],
  [/^must be a string$/, () => '必须是字符串'],
  [/^must be an integer$/, () => '必须是整数'],
  [/^must be an object$/, () => '必须是对象'],
  [/^unknown parameter$/, () => '不是此接口的参数'],
  [/^must be at least (\d+)$/, (m) => `不能小于 ${m[1]}`],
  [/^must be (\S+) or (\S+)$/, (m) => `必须是 ${m[1]} 或 ${m[2]}`],
  [/^serves (.+)$/, (m) => `此接口只支持 ${m[1]}`],
];

const zhRule = (rule: string): string => {
  for (const [pattern, say] of RULES_ZH) {
    const m = pattern.exec(rule);
    if (m) return say(m);
  }
  return rule;
};

/**
 * What was wrong with a request, for the envelope's `message` and `localizedMsg`: the parameter and
 * the rule it broke, as the benefits dialect says them. The seed's text stays first, so a client
 * matching on it still matches: `request parameter error. (employeeId: must be a string)`,
 * `请求参数错误（employeeId：必须是字符串）`; an apiVer the endpoint does not serve names the one it does.
 * Undefined when the error carries no parameter.
 */
export function iotErrorDetail(error: DomainError): { en: string; zh: string } | undefined {
  const { param, rule } = error.details;
  // Only the generic codes: the others (2404, 2441, …) are the seeds' own specific messages.
  if (!param || !rule || (error.code !== 'request.invalid_params' && error.code !== 'request.unsupported_version')) return undefined;
  if (error.code === 'request.unsupported_version') {
    const served = rule.replace(/^serves /, '');
    return { en: ` (this endpoint serves apiVer ${served})`, zh: `（此接口只支持 apiVer ${served}）` };
  }
  return { en: ` (${param}: ${rule})`, zh: `（${param}：${zhRule(rule)}）` };
}
