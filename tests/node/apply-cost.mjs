// How long yjs alone takes to apply the automerge-paper trace's final document into a fresh Y.Doc, with and without
// an 'update' listener (y-websocket's provider has one, so yjs re-encodes the whole update for it).
// The client's floor under the benchmark's cold open. Run from tests/node after npm ci:
//   node apply-cost.mjs
import fs from 'fs'; import zlib from 'zlib'; import * as Y from 'yjs'
const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(new URL('../../../shared/data/editing-traces/automerge-paper.json.gz', import.meta.url))).toString())
const d = new Y.Doc(); const t = d.getText('content')
for (const txn of trace.txns) for (const [p, del, ins] of txn.patches) d.transact(() => { if (del) t.delete(p, del); if (ins) t.insert(p, ins) })
const u = Y.encodeStateAsUpdate(d); console.log('bytes', u.length)
const run = (listen) => { const xs = []; for (let i = 0; i < 60; i++) { const doc = new Y.Doc(); if (listen) doc.on('update', () => {}); const s = process.hrtime.bigint(); Y.applyUpdate(doc, u); xs.push(Number(process.hrtime.bigint() - s) / 1e6); doc.destroy() } xs.sort((a, b) => a - b); return xs.slice(10) }
for (const listen of [false, true, false, true]) { const xs = run(listen); console.log(listen ? 'with update listener' : 'no listener         ', 'p50', xs[Math.floor(xs.length / 2)].toFixed(1), 'max', xs[xs.length - 1].toFixed(1)) }
