import type { AppCredentials } from '#src/domain/app.js';
import type { Company } from '#src/domain/company.js';

/**
 * The one-time demo banner: base URL, credentials and a copy-paste call. This is the only place a
 * secret is ever printed, and only on the first start of an empty store.
 */
export function demoBanner(baseUrl: string, company: Company, app: AppCredentials): string {
  const body = JSON.stringify({ id: '1', version: '1.0', request: { apiVer: '1.0.4' }, params: {} });
  return `
Roster created a demo company and app (shown once; keep the secret):
  base URL     ${baseUrl}
  companyId    ${company.companyId}
  AppKey       ${app.appKey}
  AppSecret    ${app.appSecret}

Call it (bash, curl and openssl) — the demo company's main account:

KEY=${app.appKey}; SECRET=${app.appSecret}; URL=${baseUrl}; P=/industry/user/account/get
BODY='${body}'
TS=$(date +%s%3N); NONCE=$(cat /proc/sys/kernel/random/uuid)
MD5=$(printf %s "$BODY" | openssl md5 -binary | base64)
SIG=$(printf 'POST\\napplication/json\\n%s\\napplication/json\\n\\nx-ca-key:%s\\nx-ca-nonce:%s\\nx-ca-timestamp:%s\\n%s' "$MD5" "$KEY" "$NONCE" "$TS" "$P" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64)
curl -s "$URL$P" -H 'Accept: application/json' -H 'Content-Type: application/json' -H "Content-MD5: $MD5" \\
  -H "X-Ca-Key: $KEY" -H "X-Ca-Nonce: $NONCE" -H "X-Ca-Timestamp: $TS" \\
  -H 'X-Ca-Signature-Headers: x-ca-key,x-ca-nonce,x-ca-timestamp' -H "X-Ca-Signature: $SIG" -d "$BODY"; echo

Or with the npm client (npm i aliyun-api-gateway):
  node -e "new (require('aliyun-api-gateway').Client)('${app.appKey}','${app.appSecret}').post('${baseUrl}/industry/user/account/get',{data:{id:'1',version:'1.0',request:{apiVer:'1.0.4'},params:{}}}).then(r=>console.log(r))"

More: npx roster --help
`;
}
