// Going offline and back keeps an edit: Alice's network goes (context.setOffline); she types on while Bob types
// too; her line has not reached Bob while she is away; back online, both editors hold both lines.
import { admit, createCommunity, join, openCommunity, scenario, signIn, unique, visible } from '../lib.mjs'
import { createDocument, editorShows, editorText, openDocument, synced, typeAtEnd } from '../documents-lib.mjs'

await scenario('document-offline', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const name = unique('Tailings')
  const id = await createCommunity(alice, name, 'mine waste')
  await admit(alice, 'contoso')
  await join(bob, id, name)
  const title = unique('Monitoring plan')
  await openCommunity(alice, id, name)
  const documentId = await createDocument(alice, title)
  await openDocument(bob, run.url, documentId, title)
  await typeAtEnd(alice, 'Piezometers weekly. ')
  await editorShows(bob, 'Piezometers weekly.', 'Alice\'s first line reaches Bob')

  await alice.context.setOffline(true)
  await visible(alice.page.locator('[data-testid=sync-state][data-state=offline]'), 'Alice\'s editor says it is offline')
  await typeAtEnd(alice, 'Typed-while-offline. ')
  await typeAtEnd(bob, 'Bob-meanwhile. ')
  await editorShows(alice, 'Typed-while-offline.', 'Alice\'s offline line stays in her editor')
  if ((await editorText(bob)).includes('Typed-while-offline.')) {
    throw new Error('Alice\'s offline line reached Bob while she was offline')
  }

  await alice.context.setOffline(false)
  await synced(alice)
  await editorShows(bob, 'Typed-while-offline.', 'Alice\'s offline line reaches Bob once she is back')
  await editorShows(alice, 'Bob-meanwhile.', 'Bob\'s line typed meanwhile reaches Alice once she is back')
})
