// A people-data provider as RevOps teams connect them: json-server (npm) serving a generated
// data set, behind the API-key check a provider puts in front of its API. Nothing here
// decides what an answer holds: json-server does.
//
//   node provider.cjs DB.json PORT
// KEY_PLACEMENT (query | header | body), KEY_NAME and KEY_VALUE: where the key must be and what
// it is; KEY_PLACEMENT=bearer with USERINFO_URL: an OAuth 2.0 bearer token the OpenID provider's
// userinfo endpoint accepts, as a resource server asks its issuer; REFUSE_FIRST=N: the first N calls get 429 with Retry-After: 1. GET /__calls counts the
// calls that reached the provider (itself excluded). POST /people/lookup takes {"email"} in the
// body (json-server searches with GET only).
const jsonServer = require("json-server");

const [, , dbPath, port] = process.argv;
const { KEY_PLACEMENT: placement, KEY_NAME: keyName, KEY_VALUE: key } = process.env;
let refuseFirst = Number(process.env.REFUSE_FIRST || 0);
let calls = 0;
const perEmail = {};
const delay = Number(process.env.DELAY_MS || 0);

const server = jsonServer.create();
server.use(jsonServer.bodyParser);
server.get("/__calls", (req, res) => res.json({ calls, perEmail }));
server.use((req, res, next) => {
  calls += 1;
  const email = String(req.query.email ?? (req.body || {}).email ?? "").toLowerCase();
  perEmail[email] = (perEmail[email] ?? 0) + 1;
  if (delay > 0) return setTimeout(() => next(), delay);
  return next();
});
server.use((req, res, next) => {
  if (refuseFirst > 0) {
    refuseFirst -= 1;
    res.set("Retry-After", "1");
    return res.status(429).json({ error: "rate limited" });
  }
  if (placement === "bearer") {
    return fetch(process.env.USERINFO_URL, { headers: { Authorization: req.get("Authorization") ?? "" } })
      .then((answer) => (answer.ok ? next() : res.status(401).json({ error: "invalid token" })))
      .catch(() => res.status(502).json({ error: "issuer unreachable" }));
  }
  const given =
    placement === "query" ? req.query[keyName] : placement === "header" ? req.get(keyName) : (req.body || {})[keyName];
  if (given !== key) return res.status(401).json({ error: "invalid api key" });
  // The key is not a search field.
  if (placement === "query") delete req.query[keyName];
  if (req.method === "POST" && req.path === "/people/lookup") {
    req.method = "GET";
    req.url = `/people?email=${encodeURIComponent(req.body.email ?? "")}`;
    req.query = { email: req.body.email ?? "" };
  }
  return next();
});
server.use(jsonServer.router(dbPath));
server.listen(Number(port), "127.0.0.1", () => console.log(`provider listening on ${port}`));
