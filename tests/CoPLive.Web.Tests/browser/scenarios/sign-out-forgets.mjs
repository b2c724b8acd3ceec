// Signing out forgets this person's documents on this device: Alice opens a document (its copy goes into
// IndexedDB as coplive:{userId}:{documentId}) and types; she signs out; her copies are gone, while a copy
// belonging to someone else who signed in on this browser stays.
import { createCommunity, scenario, signIn, until, visible } from '../lib.mjs'
import { createDocument, typeAtEnd } from '../documents-lib.mjs'

const databases = (page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))

await scenario('sign-out-forgets', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const { page } = alice
  await createCommunity(alice, 'Flotation circuits', 'mineral processing')
  await createDocument(alice, 'Reagent dosing')
  await typeAtEnd(alice, 'Collector at 40 g/t. ')
  await visible(page.locator('[data-testid=editor][data-local-loaded=true]'), 'Alice\'s local copy of the document is open')
  const userId = await page.evaluate(() => JSON.parse(sessionStorage.getItem('coplive.me')).userId)
  const own = `coplive:${userId}:`
  await until('Alice\'s copy of the document is in IndexedDB', (t) =>
    page.waitForFunction(async (prefix) => (await indexedDB.databases()).some((d) => d.name.startsWith(prefix)), own, { timeout: t }))
  const other = 'coplive:someone-else:doc-1'
  await page.evaluate((name) => new Promise((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onsuccess = () => { open.result.close(); resolve() }
    open.onerror = () => reject(open.error)
  }), other)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await visible(page.getByRole('heading', { name: 'Sign in to CoPLive' }), 'Alice is back at the sign-in screen')
  await until('Alice\'s copies are deleted from IndexedDB when she signs out', (t) =>
    page.waitForFunction(async (prefix) => !(await indexedDB.databases()).some((d) => d.name.startsWith(prefix)), own, { timeout: t }))
  const left = await databases(page)
  if (!left.includes(other)) {
    throw new Error(`Signing Alice out deleted someone else's copy too: ${JSON.stringify(left)}`)
  }
})
