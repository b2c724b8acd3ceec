// An edit made offline survives closing the page: Alice's network goes; she types a line (kept on her device in
// IndexedDB) and leaves the page while still offline, so the editor in memory is gone and the line has reached
// nobody. Back online she opens the document again in the same tab: her line is there and reaches Bob. (A reload
// while offline cannot load the app at all: there is no service worker, docs/decisions.md.)
import { scenario, until, visible } from '../lib.mjs'
import { editorShows, editorText, openDocument, synced, twoOnADocument, typeAtEnd } from '../documents-lib.mjs'

/** In the page: how many updates the local copy named <paramref name="name"/> holds in IndexedDB (y-indexeddb's "updates" store). */
function countStored (name) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      const count = db.transaction('updates', 'readonly').objectStore('updates').count()
      count.onsuccess = () => {
        db.close()
        resolve(count.result)
      }
      count.onerror = () => reject(count.error)
    }
  })
}

const localStore = (person) => person.page.locator('[data-testid=editor]').getAttribute('data-local-store')

await scenario('document-offline-kept', async (run) => {
  const { alice, bob, documentId, title } = await twoOnADocument(run, { community: 'Heap leach', domain: 'hydrometallurgy', title: 'Irrigation notes' })
  await typeAtEnd(alice, 'Drip lines checked. ')
  await editorShows(bob, 'Drip lines checked.', 'Alice\'s first line reaches Bob')
  await visible(alice.page.locator('[data-testid=editor][data-local-loaded=true]'), 'Alice\'s local copy of the document is open')

  await alice.context.setOffline(true)
  await visible(alice.page.locator('[data-testid=sync-state][data-state=offline]'), 'Alice\'s editor says it is offline')
  const store = await localStore(alice)
  const before = await alice.page.evaluate(countStored, store)
  await typeAtEnd(alice, 'Kept-on-this-device. ')
  await editorShows(alice, 'Kept-on-this-device.', 'Alice\'s offline line is in her editor')
  await until('Alice\'s offline line is stored on her device (a new update in IndexedDB)', (t) =>
    alice.page.waitForFunction(
      // eslint-disable-next-line no-new-func
      async ([name, before, source]) => (await new Function(`return (${source})`)()(name)) > before,
      [store, before, countStored.toString()],
      { timeout: t, polling: 100 }
    ))

  // Leave the page while offline: the editor and its Y.Doc are gone; only IndexedDB holds the line.
  await alice.page.goto('about:blank')
  if ((await editorText(bob)).includes('Kept-on-this-device.')) {
    throw new Error('Alice\'s offline line reached Bob while she was offline')
  }

  await alice.context.setOffline(false)
  await openDocument(alice, run.url, documentId, title)
  await editorShows(alice, 'Kept-on-this-device.', 'Alice\'s offline line is in her editor when she opens the document again')
  await synced(alice)
  await editorShows(bob, 'Kept-on-this-device.', 'Alice\'s offline line reaches Bob once she opens the document online')
})
