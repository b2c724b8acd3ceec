// The server side of CoPLive's Yjs documents: npm's yjs (the reference implementation), bundled by esbuild into one
// script that runs inside V8 (Microsoft.ClearScript) and exposes globalThis.CoPLiveYjs to V8YjsEngine.cs.
//
// Every function takes and returns Uint8Array (Yjs update format v1) and strings. Every update that comes in is
// decoded completely and strictly: bytes that do not decode, or that leave bytes over, raise an error named
// InvalidUpdateError, which the host maps to the error code `invalid-update`. Documents are built with garbage
// collection on, so that deleted content shrinks to tombstones when updates are merged.

import './text-codec.js'
import './host-crypto.js'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { equalityDeep } from 'lib0/function'

class InvalidUpdateError extends Error {
  constructor (message, index) {
    super(message)
    this.name = 'InvalidUpdateError'
    // the position of the offending update in a list, or -1
    this.index = index
  }
}

class InvalidArgumentError extends Error {
  constructor (message) {
    super(message)
    this.name = 'InvalidArgumentError'
  }
}

const EmptyUpdate = new Uint8Array([0, 0])

// A fixed guid: it matters only for subdocuments, and a random one costs many random numbers per document.
const newDoc = () => new Y.Doc({ guid: 'coplive' })

const describe = (e) => (e != null && e.message) ? e.message : String(e)

/** Applies one update to doc, decoding all of it; throws InvalidUpdateError for anything malformed. */
const applyStrict = (doc, update, what, index = -1) => {
  if (!(update instanceof Uint8Array)) {
    throw new InvalidUpdateError(`${what} is not a byte array`, index)
  }
  const decoder = decoding.createDecoder(update)
  try {
    Y.readUpdate(decoder, doc, 'coplive')
  } catch (e) {
    throw new InvalidUpdateError(`${what} is malformed (${describe(e)})`, index)
  }
  // lib0 reads single bytes past the end without complaint, so the position tells whether the bytes were exactly one update.
  if (decoder.pos > update.length) {
    throw new InvalidUpdateError(`${what} is malformed (it ends early)`, index)
  }
  if (decoder.pos < update.length) {
    throw new InvalidUpdateError(`${what} is malformed (${update.length - decoder.pos} bytes left over)`, index)
  }
}

const load = (update, what = 'the update') => {
  const doc = newDoc()
  applyStrict(doc, update, what)
  return doc
}

const decodeStateVectorStrict = (stateVector) => {
  if (!(stateVector instanceof Uint8Array)) {
    throw new InvalidUpdateError('the state vector is not a byte array', -1)
  }
  const decoder = decoding.createDecoder(stateVector)
  try {
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
    }
  } catch (e) {
    throw new InvalidUpdateError(`the state vector is malformed (${describe(e)})`, -1)
  }
  if (decoder.pos !== stateVector.length) {
    throw new InvalidUpdateError('the state vector is malformed (bytes left over)', -1)
  }
}

/** Runs change(doc) in one transaction and returns exactly that transaction's update ([0, 0] if nothing changed). */
const changeToUpdate = (doc, change) => {
  let update = EmptyUpdate
  const onUpdate = (u) => { update = u }
  doc.on('update', onUpdate)
  try {
    doc.transact(() => change(doc))
  } finally {
    doc.off('update', onUpdate)
  }
  return update
}

/** Makes text read `target` by deleting and inserting only the part between the common prefix and suffix. */
const setPlainText = (text, target) => {
  const current = text.toString()
  const max = Math.min(current.length, target.length)
  let prefix = 0
  while (prefix < max && current.charCodeAt(prefix) === target.charCodeAt(prefix)) {
    prefix++
  }
  let suffix = 0
  while (suffix < max - prefix &&
    current.charCodeAt(current.length - 1 - suffix) === target.charCodeAt(target.length - 1 - suffix)) {
    suffix++
  }
  // never split a surrogate pair
  if (prefix > 0 && isHighSurrogate(current.charCodeAt(prefix - 1))) {
    prefix--
  }
  if (suffix > 0 && isLowSurrogate(current.charCodeAt(current.length - suffix))) {
    suffix--
  }
  const deleteCount = current.length - prefix - suffix
  const insert = target.slice(prefix, target.length - suffix)
  if (deleteCount > 0) {
    text.delete(prefix, deleteCount)
  }
  if (insert.length > 0) {
    text.insert(prefix, insert)
  }
}

const isHighSurrogate = (c) => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c) => c >= 0xdc00 && c <= 0xdfff

const isPlainDelta = (delta) => delta.every(op => typeof op.insert === 'string' && op.attributes == null)

const cloneValue = (value) => value instanceof Y.AbstractType ? value.clone() : value

const toComparable = (value) => value instanceof Y.AbstractType ? value.toJSON() : value

const sameKind = (a, b) =>
  (a instanceof Y.AbstractType) === (b instanceof Y.AbstractType) &&
  (!(a instanceof Y.AbstractType) || a.constructor === b.constructor)

/** Makes target hold what source holds, recursing into nested maps and keeping entries that are already equal. */
const syncMap = (target, source) => {
  for (const key of Array.from(target.keys())) {
    if (!source.has(key)) {
      target.delete(key)
    }
  }
  source.forEach((value, key) => {
    const existing = target.get(key)
    if (existing instanceof Y.Map && value instanceof Y.Map) {
      syncMap(existing, value)
    } else if (!target.has(key) || !sameKind(existing, value) || !equalityDeep(toComparable(existing), toComparable(value))) {
      target.set(key, cloneValue(value))
    }
  })
}

const checkName = (name) => {
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidArgumentError('a shared type needs a non-empty name')
  }
}

/** Applies the updates given back to back in data (with their lengths) to doc, in one transaction. */
const applyAll = (doc, data, lengths, what) => {
  doc.transact(() => {
    let offset = 0
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i]
      if (offset + length > data.length) {
        throw new InvalidArgumentError('the update lengths exceed the data')
      }
      applyStrict(doc, data.subarray(offset, offset + length), `${what} ${i}`, i)
      offset += length
    }
  })
}

/** Whether doc holds structs or deletions that wait for updates it has not seen. */
const hasPending = (doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null

// Live documents: one Y.Doc per open document, by key, in least recently used order (a Map keeps insertion order).
const liveDocs = new Map()

globalThis.CoPLiveYjs = {
  /** Throws InvalidUpdateError unless update is exactly one well-formed update. */
  validateUpdate (update) {
    load(update)
  },

  /**
   * Merges updates (given back to back in data, with their lengths) into one compact update, by applying them to one
   * document in one transaction and encoding its state. Linear in the total size, unlike Y.mergeUpdates over many
   * small updates. Updates whose dependencies are missing stay pending and are kept in the result.
   */
  mergeUpdates (data, lengths) {
    const doc = newDoc()
    applyAll(doc, data, lengths, 'update')
    return Y.encodeStateAsUpdate(doc)
  },

  /**
   * Applies updates (back to back in data, with their lengths) to the live document called key, in one transaction.
   * With stateData (the document's stored updates, in the same form) the live document is first made anew from it;
   * without, it must be live already, or nothing happens and the answer is false. An update that Yjs refuses closes
   * the live document (Yjs may have applied part of the batch), so that the next call must bring the state again.
   * At most maxLive documents stay live: beyond that the least recently used ones are closed. Once applied, answers the
   * batch's effect as one update ([0, 0] if it changed nothing), or true if something was pending before or after it.
   */
  applyLive (key, maxLive, stateData, stateLengths, data, lengths) {
    let doc = liveDocs.get(key)
    if (doc !== undefined) {
      liveDocs.delete(key)
    }
    if (stateData != null) {
      if (doc !== undefined) {
        doc.destroy()
      }
      doc = newDoc()
      try {
        applyAll(doc, stateData, stateLengths, 'stored update')
      } catch (e) {
        doc.destroy()
        throw new InvalidArgumentError(`the stored state does not apply (${describe(e)})`)
      }
    } else if (doc === undefined) {
      return false
    }
    // The batch's effect, as one update, when nothing is pending before or after it: then the transaction's update is
    // exactly what the batch added (what the document had already is left out). With something pending, an update
    // of this transaction may carry structs of others that were pending (the batch's sender lacks them), or leave out
    // the batch's own pending structs: the answer is then true, and the batch is relayed as it came.
    const pendingBefore = hasPending(doc)
    let effect = EmptyUpdate
    const onUpdate = (update) => { effect = update }
    if (!pendingBefore) {
      doc.on('update', onUpdate)
    }
    try {
      applyAll(doc, data, lengths, 'update')
    } catch (e) {
      doc.destroy()
      throw e
    } finally {
      doc.off('update', onUpdate)
    }
    liveDocs.set(key, doc)
    while (liveDocs.size > maxLive) {
      const [oldest, oldDoc] = liveDocs.entries().next().value
      liveDocs.delete(oldest)
      oldDoc.destroy()
    }
    return (pendingBefore || hasPending(doc)) ? true : effect
  },

  /** The whole live document called key as one update (pending structs included), or null if it is not live. */
  encodeLive (key) {
    const doc = liveDocs.get(key)
    return doc === undefined ? null : Y.encodeStateAsUpdate(doc)
  },

  /** What a peer with stateVector lacks of the live document called key (pending structs included), or null if it is not live. */
  diffLive (key, stateVector) {
    decodeStateVectorStrict(stateVector)
    const doc = liveDocs.get(key)
    return doc === undefined ? null : Y.encodeStateAsUpdate(doc, stateVector)
  },

  /** Closes the live document called key, if it is live. */
  closeLive (key) {
    const doc = liveDocs.get(key)
    if (doc !== undefined) {
      liveDocs.delete(key)
      doc.destroy()
    }
  },

  /** How many documents are live in this engine. */
  liveCount () {
    return liveDocs.size
  },

  /** The state vector of the document that update describes (its integrated part: pending structs are not counted). */
  encodeStateVectorFromUpdate (update) {
    return Y.encodeStateVector(load(update))
  },

  /** The part of update that a peer whose state vector is stateVector lacks. */
  diffUpdate (update, stateVector) {
    decodeStateVectorStrict(stateVector)
    return Y.encodeStateAsUpdate(load(update), stateVector)
  },

  /** The content of the Y.Text called name. */
  readText (state, name) {
    checkName(name)
    return load(state, 'the state').getText(name).toString()
  },

  /** The content of the Y.Map called name, as JSON (nested shared types become JSON objects and arrays). */
  readMap (state, name) {
    checkName(name)
    return JSON.stringify(load(state, 'the state').getMap(name).toJSON())
  },

  /** An update, made by a new client, that deletes deleteCount characters at index of the Y.Text called name and inserts text there. */
  editText (state, name, index, deleteCount, insert) {
    checkName(name)
    const doc = load(state, 'the state')
    const text = doc.getText(name)
    if (!Number.isInteger(index) || !Number.isInteger(deleteCount) || index < 0 || deleteCount < 0 ||
      index + deleteCount > text.length) {
      throw new InvalidArgumentError(`cannot delete ${deleteCount} characters at ${index} of a text of length ${text.length}`)
    }
    return changeToUpdate(doc, () => {
      if (deleteCount > 0) {
        text.delete(index, deleteCount)
      }
      if (insert.length > 0) {
        text.insert(index, insert)
      }
    })
  },

  /** An update that makes the Y.Text called name read content, changing only the part that differs. */
  replaceText (state, name, content) {
    checkName(name)
    const doc = load(state, 'the state')
    return changeToUpdate(doc, () => setPlainText(doc.getText(name), content))
  },

  /**
   * An update that, applied after current, makes the Y.Text called name what it was in version (formatting and
   * embeds included). It is a new change on top of current, so clients that have current apply it like any edit.
   */
  restoreText (current, version, name) {
    checkName(name)
    const old = load(version, 'the version').getText(name)
    const doc = load(current, 'the current state')
    const text = doc.getText(name)
    const oldDelta = old.toDelta()
    return changeToUpdate(doc, () => {
      if (isPlainDelta(oldDelta) && isPlainDelta(text.toDelta())) {
        setPlainText(text, old.toString())
      } else {
        text.delete(0, text.length)
        text.applyDelta(oldDelta.map(op => ({ ...op, insert: cloneValue(op.insert) })))
      }
    })
  },

  /**
   * An update that, applied after current, makes the Y.Map called name hold what it held in version: entries that
   * differ are set again, entries that version lacked are deleted, nested maps are restored entry by entry.
   */
  restoreMap (current, version, name) {
    checkName(name)
    const old = load(version, 'the version').getMap(name)
    const doc = load(current, 'the current state')
    return changeToUpdate(doc, () => syncMap(doc.getMap(name), old))
  },

  /** The reference library itself, for tests that play real Yjs clients inside the same engine. */
  Y
}
