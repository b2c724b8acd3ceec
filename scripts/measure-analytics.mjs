// Measures the analytics report against a running gateway (development mode), on loopback only.
// Usage: node scripts/measure-analytics.mjs [baseUrl=http://127.0.0.1:5199] [questions=200]
// It creates two members of two organizations and a community, then asks `questions` questions (Bob) that
// Alice answers and Bob accepts (every other one), and after each block of 50 questions reads the report
// 20 times; prints the report's latency per block, so a cost that grows with the community's history shows.
// Bounded: it stops after `questions` questions (3 writes each) and 20 reads per block.
const base = process.argv[2] ?? 'http://127.0.0.1:5199';
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(base)) throw new Error('loopback only');
const questions = Math.min(Number(process.argv[3] ?? 200), 2000);
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
const fmt = xs => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p99 ${pct(xs, 0.99).toFixed(1)} ms`;

const northwind = `northwind-${rand()}`, contoso = `contoso-${rand()}`;
const alice = await token('alice', northwind), bob = await token('bob', contoso);
const community = await call(alice, 'POST', '/api/communities', { name: 'Measure', domain: 'mining' });
await call(alice, 'POST', `/api/communities/${community.id}/organizations`, { organizationId: contoso });
await call(bob, 'POST', `/api/communities/${community.id}/join`);

const block = 50;
let writes = [];
for (let i = 1; i <= questions; i++) {
  const s = performance.now();
  const q = await call(bob, 'POST', `/api/communities/${community.id}/threads`, { title: `Question ${i}`, kind: 'question', body: 'Which bolt length?' });
  const a = await call(alice, 'POST', `/api/threads/${q.thread.id}/posts`, { body: 'Twice the joint spacing.' });
  if (i % 2 === 0) await call(bob, 'POST', `/api/threads/${q.thread.id}/accept`, { postId: a.id });
  writes.push(performance.now() - s);
  if (i % block === 0) {
    let report;
    const expected = i * 2 + Math.floor(i / 2);
    do { report = await call(alice, 'GET', `/api/communities/${community.id}/analytics`); } while (report.eventsApplied < expected);
    const reads = [];
    for (let r = 0; r < 20; r++) { const t = performance.now(); await call(alice, 'GET', `/api/communities/${community.id}/analytics?weeks=8`); reads.push(performance.now() - t); }
    console.log(`${i} questions (${report.eventsApplied} events applied): question+answer(+accept) ${fmt(writes)}; report ${fmt(reads)}`);
    writes = [];
  }
}
const rebuilds = [];
for (let r = 0; r < 3; r++) { const t = performance.now(); await call(alice, 'POST', `/api/communities/${community.id}/analytics/rebuild`); rebuilds.push(performance.now() - t); }
console.log(`rebuild from ${questions} question threads: ${rebuilds.map(x => x.toFixed(0)).join(', ')} ms`);
