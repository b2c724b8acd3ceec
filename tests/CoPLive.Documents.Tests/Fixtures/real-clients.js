// Real Yjs clients for the tests: plain Y.Doc instances of the very yjs that the engine bundles (CoPLiveYjs.Y),
// run in a V8 engine of the test's own. They produce the updates that the engine under test then merges, diffs,
// reads and restores, the way browsers would.

(() => {
  const { Y } = globalThis.CoPLiveYjs

  const loadDoc = (state) => {
    const doc = new Y.Doc()
    if (state.length > 0) {
      Y.applyUpdate(doc, state)
    }
    return doc
  }

  /** The update made by running change(doc, Y) in one transaction on a client that has state. */
  const change = (state, changeSource) => {
    const doc = loadDoc(state)
    // eslint-disable-next-line no-new-func
    const run = new Function('doc', 'Y', changeSource)
    let update = new Uint8Array([0, 0])
    doc.on('update', (u) => { update = u })
    doc.transact(() => run(doc, Y))
    return update
  }

  /** The state of a client that applied the updates in the order given. */
  const apply = (state, update) => {
    const doc = loadDoc(state)
    Y.applyUpdate(doc, update)
    return Y.encodeStateAsUpdate(doc)
  }

  /** A Y.Text as JSON of its delta (text with formatting attributes), as a client sees it. */
  const textDelta = (state, name) => JSON.stringify(loadDoc(state).getText(name).toDelta())

  /**
   * Replays a concurrent editing trace (josephg/editing-traces format): one client per agent; before a transaction,
   * its client receives the updates of the transaction's ancestors it has not seen, then makes the transaction's
   * patches in one Yjs transaction, whose update is recorded. Returns the updates back to back with their lengths,
   * and the state of a client that received everything (the reference encoding).
   */
  const replayConcurrentTrace = (traceJson, name) => {
    const trace = JSON.parse(traceJson)
    const txns = trace.txns
    const updates = new Array(txns.length)
    // Where two agents typed at the same place at the same time, the trace's endContent puts the lower agent's text
    // first. Yjs orders such concurrent inserts by client id, so the clients get ids in agent order (with random ids
    // the replay converges too, but on another interleaving half of the time).
    const clients = Array.from({ length: trace.numAgents }, (_, agent) => {
      const doc = new Y.Doc()
      doc.clientID = agent + 1
      return { doc, seen: new Uint8Array(txns.length) }
    })
    for (let i = 0; i < txns.length; i++) {
      const txn = txns[i]
      const client = clients[txn.agent]
      const missing = []
      const stack = [...txn.parents]
      while (stack.length > 0) {
        const p = stack.pop()
        if (client.seen[p] === 0) {
          client.seen[p] = 1
          missing.push(p)
          stack.push(...txns[p].parents)
        }
      }
      missing.sort((a, b) => a - b)
      if (missing.length > 0) {
        client.doc.transact(() => {
          for (const p of missing) {
            Y.applyUpdate(client.doc, updates[p])
          }
        })
      }
      const text = client.doc.getText(name)
      let update = null
      const onUpdate = (u) => { update = u }
      client.doc.on('update', onUpdate)
      client.doc.transact(() => {
        for (const [pos, deleted, inserted] of txn.patches) {
          if (deleted > 0) {
            text.delete(pos, deleted)
          }
          if (inserted.length > 0) {
            text.insert(pos, inserted)
          }
        }
      })
      client.doc.off('update', onUpdate)
      if (update === null) {
        throw new Error(`transaction ${i} changed nothing`)
      }
      client.seen[i] = 1
      updates[i] = update
    }
    const all = new Y.Doc()
    all.transact(() => updates.forEach((u) => Y.applyUpdate(all, u)))
    const lengths = Uint32Array.from(updates, (u) => u.length)
    const data = new Uint8Array(lengths.reduce((a, b) => a + b, 0))
    let offset = 0
    for (const u of updates) {
      data.set(u, offset)
      offset += u.length
    }
    return { data, lengths, reference: Y.encodeStateAsUpdate(all), referenceText: all.getText(name).toString() }
  }

  globalThis.RealClients = { change, apply, textDelta, replayConcurrentTrace }
})()
