// Writes text into documents through npm's y-websocket WebsocketProvider, unmodified, one document after another:
// the content for bench/scripts/document-listing.sh.
//
//   node fill-documents.mjs <serverUrl> <token> <characters> <documentId> [...]
//
// For each document: a fresh Y.Doc and provider; once synced, one insert of <characters> characters into the Y.Text
// 'content' (one update); once the socket has sent it, a short wait, and the next. Prints {"event":"filled","documents":n}.
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'

const [serverUrl, token, charactersArg, ...documents] = process.argv.slice(2)
const line = 'Inspect the pit wall after every blast: benches, berms, catch fences, seepage and cracks. '
const text = line.repeat(Math.ceil(Number(charactersArg) / line.length)).slice(0, Number(charactersArg))
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms))

for (const documentId of documents) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(serverUrl, documentId, doc, { WebSocketPolyfill: WebSocket, params: { token }, disableBc: true })
  await new Promise(resolve => provider.once('synced', resolve))
  doc.getText('content').insert(0, text)
  while (provider.ws && provider.ws.bufferedAmount > 0) await sleep(5)
  // y-websocket has no acknowledgement: the server commits before it relays, so a moment is enough here.
  await sleep(50)
  provider.destroy()
  doc.destroy()
}

process.stdout.write(JSON.stringify({ event: 'filled', documents: documents.length }) + '\n')
process.exit(0)
