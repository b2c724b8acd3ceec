// The editing traces of ../shared/data/editing-traces (format in its README), for trace-bench.mjs and apply-cost.mjs.
import fs from 'fs'
import zlib from 'zlib'

// The trace's first `edits` patches ([position, deleted, inserted], in order; all of them when `edits` is left out),
// and its endContent when they are the whole trace (null otherwise).
export const readTrace = (path, edits = Infinity) => {
  const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(path)).toString('utf8'))
  const patches = []
  for (const txn of trace.txns) {
    for (const patch of txn.patches) {
      if (patches.length === edits) return { patches, endContent: null }
      patches.push(patch)
    }
  }
  return { patches, endContent: trace.endContent }
}

// Types the patches into `text`, each in its own transaction of `doc` (so a provider sends one update per edit).
export const typePatches = (doc, text, patches) => {
  for (const [pos, del, ins] of patches) {
    doc.transact(() => {
      if (del > 0) text.delete(pos, del)
      if (ins.length > 0) text.insert(pos, ins)
    })
  }
}
