// Typing in one editor appears in the other: Alice (Northwind) creates a text document; Bob (Contoso) opens it;
// each one's typing reaches the other, with the other's cursor labelled by name. Alice saves a named version,
// types on, views the version read-only, restores it (Bob's editor follows), and exports the text as Markdown.
import { readFile } from 'node:fs/promises'
import { admit, createCommunity, join, openCommunity, scenario, signIn, unique, until, visible } from '../lib.mjs'
import { createDocument, editorShows, reopenCommunity, synced, typeAtEnd } from '../documents-lib.mjs'

await scenario('document-live', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const name = unique('Dam safety')
  const id = await createCommunity(alice, name, 'hydraulic structures')
  await admit(alice, 'contoso')
  await join(bob, id, name)

  const title = unique('Inspection checklist')
  await openCommunity(alice, id, name)
  await createDocument(alice, title)
  await reopenCommunity(bob, run.url, id, name)
  await bob.page.locator('[data-feature=documents]').getByRole('link', { name: title }).click()
  await visible(bob.page.getByRole('heading', { name: title, level: 1 }), 'Bob opens the document from the community\'s home')
  await synced(bob)

  await typeAtEnd(alice, '# Spillway\nCheck the gates. ')
  await editorShows(bob, 'Check the gates.', 'Alice\'s typing appears in Bob\'s editor')
  await typeAtEnd(bob, 'Contoso adds: inspect the seals.')
  await editorShows(alice, 'inspect the seals.', 'Bob\'s typing appears in Alice\'s editor')
  await until('Alice sees Bob\'s cursor labelled "Bob"', (t) => alice.page.locator('.cm-ySelectionInfo', { hasText: 'Bob' }).waitFor({ state: 'attached', timeout: t }))
  await visible(alice.page.locator('[data-testid=editors] li', { hasText: 'Bob' }).locator('[data-org=contoso]'), 'Alice sees Bob of Contoso among those editing')

  // Version history: save, type on, view the version read-only, restore it for everyone.
  await alice.page.getByLabel('Version name').fill('Before the site visit')
  await alice.page.getByRole('button', { name: 'Save version' }).click()
  const saved = alice.page.locator('.version-list li', { hasText: 'Before the site visit' })
  await visible(saved, 'Alice sees the saved version in the history')
  await typeAtEnd(alice, ' DRAFT-ONLY-LINE')
  await editorShows(bob, 'DRAFT-ONLY-LINE', 'Alice\'s later line reaches Bob')
  await saved.getByRole('button', { name: 'View' }).click()
  const content = alice.page.locator('[data-testid=version-content]')
  await visible(content, 'Alice sees the version\'s text')
  const text = await content.innerText()
  if (!text.includes('inspect the seals.') || text.includes('DRAFT-ONLY-LINE')) {
    throw new Error(`the saved version shows the wrong text: ${JSON.stringify(text)}`)
  }
  alice.page.once('dialog', (dialog) => dialog.accept())
  await alice.page.getByRole('button', { name: 'Restore this version' }).click()
  await editorShows(bob, 'DRAFT-ONLY-LINE', 'the restore takes the later line out of Bob\'s editor', false)
  await editorShows(alice, 'DRAFT-ONLY-LINE', 'the restore takes the later line out of Alice\'s editor', false)
  await editorShows(bob, 'inspect the seals.', 'Bob\'s editor still holds the restored text')

  // Export as Markdown: what is in the editor now.
  const download = alice.page.waitForEvent('download', { timeout: 20_000 })
  await alice.page.getByRole('button', { name: 'Export Markdown' }).click()
  const file = await (await download).path()
  const markdown = await readFile(file, 'utf8')
  if (!markdown.includes('# Spillway') || !markdown.includes('inspect the seals.') || markdown.includes('DRAFT-ONLY-LINE')) {
    throw new Error(`the Markdown export is not the document's text: ${JSON.stringify(markdown)}`)
  }
})
