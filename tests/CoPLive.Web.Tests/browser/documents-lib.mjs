// What the document scenarios share: creating a document from the community's home, opening one, typing into
// its CodeMirror editor, and waiting until an editor shows (or a download holds) some text.
import { admit, createCommunity, join, openCommunity, signIn, unique, until, visible } from './lib.mjs'

/** Creates a document through the community home's form; lands on its page; returns its id. */
export async function createDocument (person, title, { kind = 'text', audience = [] } = {}) {
  const { page } = person
  await page.locator('[data-feature=documents] summary', { hasText: 'New document' }).click()
  await page.getByLabel('Document title').fill(title)
  await page.getByLabel('Document kind').selectOption(kind)
  for (const organizationId of audience) {
    await page.locator(`input[name=document-audience][value="${organizationId}"]`).check()
  }
  await page.getByRole('button', { name: 'Create document' }).click()
  await visible(page.getByRole('heading', { name: title, level: 1 }), `${person.name} lands on the new document ${title}`)
  await synced(person)
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2])
}

/** Opens a document by its address and waits until its editor is synced with the server. */
export async function openDocument (person, url, documentId, title) {
  await person.page.goto(`${url}/#/documents/${documentId}`)
  await visible(person.page.getByRole('heading', { name: title, level: 1 }), `${person.name} opens the document ${title}`)
  await synced(person)
}

export const synced = (person) =>
  visible(person.page.locator('[data-testid=sync-state][data-state=synced]'), `${person.name}'s editor is synced with the server`)

/** Types at the end of the document. */
export async function typeAtEnd (person, text) {
  const { page } = person
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

export const editorText = (person) => person.page.locator('.cm-content').innerText()

/** Waits until <paramref name="person"/>'s editor contains (or, with present=false, no longer contains) the text. */
export const editorShows = (person, text, what, present = true) =>
  until(what, (t) =>
    person.page.waitForFunction(
      ([wanted, present]) => (document.querySelector('.cm-content')?.textContent ?? '').includes(wanted) === present,
      [text, present],
      { timeout: t }
    )
  )

/** Opens a community's home read afresh (a reload), so its lists show what others made meanwhile. */
export async function reopenCommunity (person, url, communityId, communityName) {
  await person.page.goto(`${url}/#/communities/${communityId}`)
  await person.page.reload()
  await visible(person.page.getByRole('heading', { name: communityName, level: 1 }), `${person.name} opens ${communityName} afresh`)
}

/** The board's box on the page, and a point in it as fractions of its width and height. */
export async function boardPoint (person, [fx, fy], root = person.page) {
  const board = root.locator('[data-testid=board]').first()
  await board.scrollIntoViewIfNeeded()
  const box = await board.boundingBox()
  return [box.x + box.width * fx, box.y + box.height * fy]
}

/** Drags on the board with the tool named <paramref name="tool"/>, between two points given as fractions of the board. */
export async function dragOnBoard (person, tool, from, to, root = person.page) {
  const { page } = person
  await root.getByRole('button', { name: tool, exact: true }).click()
  const [x0, y0] = await boardPoint(person, from, root)
  const [x1, y1] = await boardPoint(person, to, root)
  await page.mouse.move(x0, y0)
  await page.mouse.down()
  await page.mouse.move(x1, y1, { steps: 6 })
  await page.mouse.up()
}

export const boardElements = (person, selector, root = person.page) => root.locator(`[data-testid=board] .board-elements ${selector}`)

/**
 * Alice (Northwind) makes a community, admits Contoso, and Bob (Contoso) joins; Alice creates a document and
 * both have it open and synced. Returns { alice, bob, communityId, documentId, title }.
 */
export async function twoOnADocument (run, { community, domain, title, kind = 'text' }) {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const name = unique(community)
  const communityId = await createCommunity(alice, name, domain)
  await admit(alice, 'contoso')
  await join(bob, communityId, name)
  await openCommunity(alice, communityId, name)
  const documentTitle = unique(title)
  const documentId = await createDocument(alice, documentTitle, { kind })
  await openDocument(bob, run.url, documentId, documentTitle)
  return { alice, bob, communityId, documentId, title: documentTitle }
}
