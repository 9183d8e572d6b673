/** Every parameter of one request by name, as received: decoded, untrimmed, empty values kept. */
export type BenefitsParams = ReadonlyMap<string, string>;

const FORM = /^application\/x-www-form-urlencoded/i;
const JSON_BODY = /^application\/json/i;

/**
 * Collects the parameters the sign covers (notes §2, "Recommended server-side verification" 1):
 * the URL query and a form body, both with standard form decoding (`+` is a space, as Java's
 * URLEncoder writes it); a JSON body is one parameter `_body` holding its raw text. A name repeated
 * in query and body keeps its first value, the query's: old Java SDKs sent identical duplicates.
 * Other bodies carry no parameters.
 */
export function decodeBenefitsParams(url: string, contentType: string | undefined, body: Buffer | undefined): Map<string, string> {
  const params = new Map<string, string>();
  const add = (entries: Iterable<[string, string]>) => {
    for (const [name, value] of entries) if (!params.has(name)) params.set(name, value);
  };
  const queryAt = url.indexOf('?');
  if (queryAt >= 0) add(new URLSearchParams(url.slice(queryAt + 1)));
  if (body && body.length > 0) {
    const type = contentType ?? '';
    if (FORM.test(type)) add(new URLSearchParams(body.toString('utf8')));
    // The body itself, not a query param of the same name, is what the JSON endpoints sign.
    else if (JSON_BODY.test(type)) params.set('_body', body.toString('utf8'));
  }
  return params;
}
