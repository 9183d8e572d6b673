/** Every reply of this dialect is JSON in UTF-8, spelled as the platform spells it. */
export const JSON_UTF8 = 'application/json;charset=UTF-8';

/**
 * The success envelope (notes §4), built as a string on the hot path. Key order follows the docs'
 * success examples; clients read it by name, so the order carries no meaning.
 */
export function encodeBenefitsOk(data: unknown): string {
  return `{"code":0,"data":${JSON.stringify(data ?? null)},"msg":"OK"}`;
}

/** The error envelope: always `data: null`, as both SDKs expect. */
export function encodeBenefitsError(code: number, msg: string): string {
  return JSON.stringify({ code, msg, data: null });
}
