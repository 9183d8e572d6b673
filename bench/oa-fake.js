// A WeCom that answers at once, for the `create-oa` scenario: `node bench/oa-fake.js` prints its URL.
// Every code is a member's userid (so each sign-in is a new employee); no phone and no e-mail, as on
// WeCom's web-login path, so the run measures the connector round trips, not unique-key conflicts.
import { createServer } from 'node:http';

const json = (res, body) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  req.resume();
  req.on('end', () => {
    if (url.pathname === '/cgi-bin/gettoken') return json(res, { errcode: 0, errmsg: 'ok', access_token: 'bench-token', expires_in: 7200 });
    if (url.pathname === '/cgi-bin/auth/getuserinfo') return json(res, { errcode: 0, errmsg: 'ok', userid: url.searchParams.get('code') });
    if (url.pathname === '/cgi-bin/user/get') return json(res, { errcode: 0, errmsg: 'ok', userid: url.searchParams.get('userid'), name: `员工${url.searchParams.get('userid')}` });
    return json(res, { errcode: 404, errmsg: 'no route' });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`oa fake listening on http://127.0.0.1:${server.address().port}`));
