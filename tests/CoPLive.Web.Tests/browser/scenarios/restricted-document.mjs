// A document restricted to one organization is invisible to the other: Alice makes one for Northwind only and one
// for everyone; Bob (Contoso) sees only the open one and is told the restricted one is not found at its address;
// Dave (Northwind) sees and opens both.
import { admit, createCommunity, join, openCommunity, scenario, signIn, unique, visible } from '../lib.mjs'
import { createDocument, openDocument } from '../documents-lib.mjs'

await scenario('restricted-document', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const dave = await signIn(run, 'Dave', 'northwind')
  const name = unique('Levee design')
  const id = await createCommunity(alice, name, 'flood defence')
  await admit(alice, 'contoso')
  const restricted = unique('Northwind bid notes')
  const open = unique('Shared glossary')
  await openCommunity(alice, id, name)
  const restrictedId = await createDocument(alice, restricted, { audience: ['northwind'] })
  await openCommunity(alice, id, name)
  await createDocument(alice, open)

  await join(bob, id, name)
  await join(dave, id, name)
  await visible(bob.page.locator('[data-feature=documents]').getByRole('link', { name: open }), 'Bob sees the document open to everyone')
  await visible(dave.page.locator('[data-feature=documents]').getByRole('link', { name: restricted }), 'Dave of Northwind sees the Northwind-only document')
  if (await bob.page.getByRole('link', { name: restricted }).count() !== 0) {
    throw new Error('Bob of Contoso sees the Northwind-only document in the list')
  }

  await bob.page.goto(`${run.url}/#/documents/${restrictedId}`)
  await visible(bob.page.getByRole('heading', { name: 'Document not found' }), 'Bob is told the Northwind-only document is not found')
  if (await bob.page.getByText(restricted).count() !== 0) {
    throw new Error('the page shows Bob the title of the Northwind-only document')
  }
  await openDocument(dave, run.url, restrictedId, restricted)
})
