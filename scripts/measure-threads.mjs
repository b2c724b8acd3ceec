// Measures thread writes and search against a running gateway (development mode), on loopback only.
// Usage: node scripts/measure-threads.mjs [baseUrl=http://127.0.0.1:5199] [posts=500]
// It creates two members, a community and one question thread, adds `posts` posts one after another,
// then runs 50 searches; prints latency percentiles per block of posts, so a cost that grows with the
// thread's size shows. Bounded: it stops after `posts` posts and 50 searches.
const base = process.argv[2] ?? 'http://127.0.0.1:5199';
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(base)) throw new Error('loopback only');
const posts = Number(process.argv[3] ?? 500);
const rand = () => Math.random().toString(36).slice(2, 10);

async function call(token, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const token = async (name, org) => (await call(null, 'POST', '/api/dev/token', { userId: `${name}-${rand()}`, displayName: name, organizationId: org })).token;
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const fmt = xs => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p99 ${pct(xs, 0.99).toFixed(1)} ms, mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)} ms`;

const northwind = `northwind-${rand()}`, contoso = `contoso-${rand()}`;
const alice = await token('alice', northwind), bob = await token('bob', contoso);
const community = await call(alice, 'POST', '/api/communities', { name: 'Measure', domain: 'mining' });
await call(alice, 'POST', `/api/communities/${community.id}/organizations`, { organizationId: contoso });
await call(bob, 'POST', `/api/communities/${community.id}/join`);
const thread = await call(alice, 'POST', `/api/communities/${community.id}/threads`, { title: 'Bulldozer stops', kind: 'question', body: 'Has anyone seen this?' });

const block = 100;
let times = [];
for (let i = 2; i <= posts + 1; i++) {
  const start = performance.now();
  await call(i % 2 ? alice : bob, 'POST', `/api/threads/${thread.thread.id}/posts`, { body: `Answer ${i}: check the fuel filter and the tank vent, word${i}.` });
  times.push(performance.now() - start);
  if (times.length === block) { console.log(`posts ${i - block + 1}-${i}: ${fmt(times)}`); times = []; }
}
const reads = [];
for (let i = 0; i < 20; i++) { const s = performance.now(); await call(bob, 'GET', `/api/threads/${thread.thread.id}`); reads.push(performance.now() - s); }
console.log(`read the whole thread (${posts + 1} posts): ${fmt(reads)}`);
const searches = [];
for (let i = 0; i < 50; i++) { const s = performance.now(); await call(bob, 'GET', `/api/communities/${community.id}/threads/search?q=fuel+word${2 + i}`); searches.push(performance.now() - s); }
console.log(`search (2 words, ${posts + 1} posts indexed): ${fmt(searches)}`);
