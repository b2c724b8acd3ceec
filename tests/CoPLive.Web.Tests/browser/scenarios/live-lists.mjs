// The community home's lists are live: Bob (Contoso) has the community's home open; a thread and a document that
// Alice (Northwind) creates appear in his lists without a reload.
import { admit, createCommunity, join, openCommunity, scenario, signIn, unique, visible } from '../lib.mjs'
import { createDocument } from '../documents-lib.mjs'

await scenario('live-lists', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const name = unique('Ventilation')
  const id = await createCommunity(alice, name, 'underground mining')
  await admit(alice, 'contoso')
  await join(bob, id, name)
  await visible(bob.page.locator('[data-feature=threads]').getByText('No thread yet.'), 'Bob\'s thread list is empty at first')

  const thread = unique('Fan curves')
  const { page } = alice
  await page.locator('[data-feature=threads] summary', { hasText: 'Start a thread' }).click()
  await page.getByLabel('Thread title').fill(thread)
  await page.getByLabel('Opening post').fill('Which fan curves do you trust?')
  await page.getByRole('button', { name: 'Start thread' }).click()
  await visible(page.getByRole('heading', { name: thread, level: 1 }), 'Alice lands on her new thread')
  await visible(bob.page.locator('[data-feature=threads] li', { hasText: thread }), 'Alice\'s new thread appears in Bob\'s open list')

  await openCommunity(alice, id, name)
  const title = unique('Airway layout')
  await createDocument(alice, title, { kind: 'whiteboard' })
  await visible(bob.page.locator('[data-feature=documents] li', { hasText: title }), 'Alice\'s new document appears in Bob\'s open list')
})
