// A y-websocket client for CoPLive's tests and benchmark: npm's y-websocket WebsocketProvider, unmodified, on a Y.Doc
// of npm's yjs, driven through JSON lines on stdin; what it sees goes to stdout as JSON lines.
//
//   node yws-client.js <serverUrl> <room> [token]
//
// Commands: {"op":"insert","index":0,"text":"..."}, {"op":"delete","index":0,"length":1},
//   {"op":"type","text":"..."} (one update per character, appended), {"op":"text"}, {"op":"waitText","text":"..."},
//   {"op":"waitContains","text":"..."}, {"op":"awareness","state":{...}}, {"op":"setMap","key":"...","value":{...}}, {"op":"close"}.
// Events: synced, denied (y-websocket reports a permission-denied auth message with console.warn: CoPLive's refusal),
//   text, textIs, textContains, awareness (the states other clients announce), status, connection-close.
const WebSocket = require('ws')
const Y = require('yjs')
const { WebsocketProvider } = require('y-websocket')
const readline = require('readline')

const [serverUrl, room, token] = process.argv.slice(2)
const out = (event) => process.stdout.write(JSON.stringify(event) + '\n')

const warn = console.warn
console.warn = (...args) => {
  const message = args.map(String).join(' ')
  if (message.startsWith('Permission denied')) {
    out({ event: 'denied', reason: message.split('\n').slice(1).join('\n') })
  } else {
    warn(...args)
  }
}

const doc = new Y.Doc()
const text = doc.getText('content')
const provider = new WebsocketProvider(serverUrl, room, doc, {
  WebSocketPolyfill: WebSocket,
  params: token ? { token } : {},
  disableBc: true,
  maxBackoffTime: 500
})
provider.on('synced', (synced) => { if (synced) out({ event: 'synced', text: text.toString() }) })
provider.on('status', ({ status }) => out({ event: 'status', status }))
provider.on('connection-close', (e) => out({ event: 'connection-close', code: e && e.code, reason: e && String(e.reason || '') }))
provider.awareness.on('change', () => {
  const states = []
  provider.awareness.getStates().forEach((state, clientId) => {
    if (clientId !== doc.clientID) states.push({ clientId, state })
  })
  out({ event: 'awareness', states })
})

const waiting = []
const containing = []
const checkWaiting = () => {
  const current = text.toString()
  for (let i = containing.length - 1; i >= 0; i--) {
    if (current.includes(containing[i])) {
      containing.splice(i, 1)
      out({ event: 'textContains', text: current })
    }
  }
  for (let i = waiting.length - 1; i >= 0; i--) {
    if (waiting[i] === current) {
      waiting.splice(i, 1)
      out({ event: 'textIs', length: current.length })
    }
  }
}
doc.on('update', checkWaiting)

const lines = readline.createInterface({ input: process.stdin })
lines.on('line', (line) => {
  if (line.trim() === '') return
  const command = JSON.parse(line)
  switch (command.op) {
    case 'insert':
      text.insert(Math.min(command.index, text.length), command.text)
      break
    case 'delete':
      text.delete(Math.min(command.index, text.length), Math.min(command.length, Math.max(0, text.length - command.index)))
      break
    case 'type':
      for (const c of command.text) text.insert(text.length, c)
      out({ event: 'typed' })
      break
    case 'setMap':
      doc.getMap('elements').set(command.key, command.value)
      break
    case 'text':
      out({ event: 'text', text: text.toString() })
      break
    case 'waitText':
      waiting.push(command.text)
      checkWaiting()
      break
    case 'waitContains':
      containing.push(command.text)
      checkWaiting()
      break
    case 'awareness':
      provider.awareness.setLocalState(command.state)
      break
    case 'close':
      provider.destroy()
      process.exit(0)
      break
    default:
      out({ event: 'error', message: 'unknown op ' + command.op })
  }
})
lines.on('close', () => { provider.destroy(); process.exit(0) })
