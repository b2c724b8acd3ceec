// How long yjs alone takes to apply the automerge-paper trace's final document into a fresh Y.Doc, with and without
// an 'update' listener (y-websocket's provider has one, so yjs re-encodes the whole update to hand it over): the
// client's own floor under the benchmark's cold open.
//
//   cd tests/node && npm ci && node apply-cost.mjs [trace.json.gz]
//
// The trace defaults to ../shared/data/editing-traces/automerge-paper.json.gz beside the repository. Prints the
// document's size, then p50 and max of 50 warm applies (10 more before them are not counted), twice for each case.
import * as Y from 'yjs'
import { readTrace, typePatches } from './trace.mjs'

const tracePath = process.argv[2] ?? new URL('../../../shared/data/editing-traces/automerge-paper.json.gz', import.meta.url)
const source = new Y.Doc()
typePatches(source, source.getText('content'), readTrace(tracePath).patches)
const update = Y.encodeStateAsUpdate(source)
console.log('document bytes', update.length)

const warmUp = 10
const counted = 50
const measure = (withListener) => {
  const ms = []
  for (let i = 0; i < warmUp + counted; i++) {
    const doc = new Y.Doc()
    if (withListener) doc.on('update', () => {})
    const start = process.hrtime.bigint()
    Y.applyUpdate(doc, update)
    ms.push(Number(process.hrtime.bigint() - start) / 1e6)
    doc.destroy()
  }
  const kept = ms.slice(warmUp).sort((a, b) => a - b)
  return { p50: kept[Math.floor(kept.length / 2)], max: kept[kept.length - 1] }
}

for (const withListener of [false, true, false, true]) {
  const { p50, max } = measure(withListener)
  console.log(withListener ? 'with update listener' : 'no listener         ', 'p50', p50.toFixed(1), 'ms, max', max.toFixed(1), 'ms')
}
