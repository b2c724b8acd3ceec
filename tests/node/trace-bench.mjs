// The editing-trace benchmark's clients: npm's y-websocket WebsocketProvider, unmodified, on npm's yjs.
//
//   node trace-bench.mjs writer   <serverUrl> <room> <token|-> <trace.json.gz> <edits>
//   node trace-bench.mjs observer <serverUrl> <room> <token|-> <trace.json.gz> <edits>
//   node trace-bench.mjs opener   <serverUrl> <token|-> <room>:<expectedLength> [...]
//
// writer: syncs, prints {"event":"synced"}, waits for a line "go" on stdin, then types the first <edits> edits of the
//   sequential trace (automerge-paper), each patch in its own transaction, so y-websocket sends one update per edit;
//   prints {"event":"typed","start":ms,"end":ms}.
// observer: syncs, prints {"event":"synced"}, and prints {"event":"done","at":ms,"stateBytes":n} once its text equals the
//   text those edits make (yjs' own Y.encodeStateAsUpdate size of the final document).
// opener: for each room in turn (in one process, so only the first open pays for Node's warm-up), a fresh Y.Doc and
//   provider; prints {"event":"opened","room","ms","connectedMs","largestMessageMs","largestMessageBytes"}: from creating
//   the provider to 'synced' with the text of <expectedLength> characters, to the socket's open, and to the arrival
//   of its largest message (the document's sync step 2), before the provider handles it. After each room but the last
//   it prints {"event":"next-<i>"} and waits for a line on stdin before opening room i.
import readline from 'readline'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { readTrace, typePatches } from './trace.mjs'

const out = (event) => process.stdout.write(JSON.stringify(event) + '\n')
const [role, serverUrl, ...rest] = process.argv.slice(2)
const connect = (room, token, doc) => new WebsocketProvider(serverUrl, room, doc, {
  WebSocketPolyfill: WebSocket, params: token && token !== '-' ? { token } : {}, disableBc: true
})
console.warn = (...args) => out({ event: 'warning', message: args.map(String).join(' ') })

const finalText = (patches) => {
  // Quadratic, so only for the first edits of a trace (smoke runs); the whole trace uses its endContent.
  let text = ''
  for (const [pos, del, ins] of patches) text = text.slice(0, pos) + ins + text.slice(pos + del)
  return text
}

if (role === 'writer' || role === 'observer') {
  const [room, token, tracePath, editsArg] = rest
  const { patches, endContent } = readTrace(tracePath, Number(editsArg))
  const doc = new Y.Doc()
  const text = doc.getText('content')
  const provider = connect(room, token, doc)
  provider.once('synced', () => out({ event: 'synced' }))
  if (role === 'writer') {
    const lines = readline.createInterface({ input: process.stdin })
    lines.on('line', (line) => {
      if (line.trim() !== 'go') return
      const start = Date.now()
      typePatches(doc, text, patches)
      out({ event: 'typed', start, end: Date.now(), edits: patches.length })
    })
    lines.on('close', () => { provider.destroy(); process.exit(0) })
  } else {
    const expected = endContent ?? finalText(patches)
    let done = false
    doc.on('update', () => {
      if (!done && text.length === expected.length && text.toString() === expected) {
        done = true
        out({ event: 'done', at: Date.now(), stateBytes: Y.encodeStateAsUpdate(doc).length, length: expected.length })
      }
    })
    process.stdin.on('end', () => { provider.destroy(); process.exit(0) })
    process.stdin.resume()
  }
} else if (role === 'opener') {
  const [token, ...pairs] = rest
  const rooms = pairs.map(p => p.slice(0, p.lastIndexOf(':')))
  const lengths = pairs.map(p => Number(p.slice(p.lastIndexOf(':') + 1)))
  const lines = readline.createInterface({ input: process.stdin })
  const openOne = (i) => {
    const expected = lengths[i]
    if (i === rooms.length) { out({ event: 'finished' }); process.exit(0) }
    const doc = new Y.Doc()
    const start = process.hrtime.bigint()
    const since = () => Number(process.hrtime.bigint() - start) / 1e6
    const provider = connect(rooms[i], token, doc)
    // Where the time goes, on the client's clock: the socket open (HTTP upgrade), the arrival of the largest message
    // (the sync step 2 with the document; before the provider handles it), and 'synced' with the whole text.
    let connectedMs = null
    let largest = { bytes: -1, ms: null }
    provider.ws.once('open', () => { connectedMs = since() })
    provider.ws.prependListener('message', (data) => {
      const bytes = data.byteLength ?? data.length ?? 0
      if (bytes > largest.bytes) largest = { bytes, ms: since() }
    })
    provider.on('synced', (synced) => {
      if (!synced) return
      const check = () => {
        if (doc.getText('content').length === expected) {
          out({ event: 'opened', room: rooms[i], ms: since(), connectedMs, largestMessageMs: largest.ms, largestMessageBytes: largest.bytes })
          provider.destroy()
          doc.destroy()
          if (i + 1 < rooms.length) {
            // The next open waits for a line "go" (the benchmark lets the server settle first).
            out({ event: 'next-' + (i + 1) })
            lines.once('line', () => setImmediate(() => openOne(i + 1)))
          } else {
            setImmediate(() => openOne(i + 1))
          }
          return true
        }
        return false
      }
      if (!check()) {
        const onUpdate = () => { if (check()) doc.off('update', onUpdate) }
        doc.on('update', onUpdate)
      }
    })
  }
  openOne(0)
} else {
  out({ event: 'error', message: 'unknown role ' + role })
  process.exit(2)
}
