// A whiteboard stroke appears for the other: Alice (Northwind) creates a whiteboard and draws with the pen; Bob
// (Contoso) sees the stroke; Alice's undo takes it away for both and redo brings it back; Bob selects it, moves
// it, and deletes it; Alice's SVG export holds her second stroke.
import { readFile } from 'node:fs/promises'
import { admit, createCommunity, join, scenario, signIn, unique, until, visible } from '../lib.mjs'
import { createDocument, openDocument } from '../documents-lib.mjs'

const strokes = (person) => person.page.locator('[data-testid=board] [data-type=stroke]')
const count = (person, n, what) => until(what, (t) => person.page.waitForFunction((n) => document.querySelectorAll('[data-testid=board] [data-type=stroke]').length === n, n, { timeout: t }))

async function drawLine (person, from, to) {
  const { page } = person
  await page.getByRole('button', { name: 'Pen' }).click()
  const box = await page.locator('[data-testid=board]').boundingBox()
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1])
  await page.mouse.down()
  for (let i = 1; i <= 5; i++) {
    await page.mouse.move(box.x + box.width * (from[0] + (to[0] - from[0]) * i / 5), box.y + box.height * (from[1] + (to[1] - from[1]) * i / 5))
  }
  await page.mouse.up()
}

await scenario('whiteboard', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const name = unique('Plant layout')
  const id = await createCommunity(alice, name, 'process plants')
  await admit(alice, 'contoso')
  await join(bob, id, name)
  const title = unique('Crusher area')
  const documentId = await createDocument(alice, title, { kind: 'whiteboard' })
  await openDocument(bob, run.url, documentId, title)

  await drawLine(alice, [0.1, 0.1], [0.4, 0.3])
  await visible(strokes(bob).first(), 'Alice\'s stroke appears on Bob\'s board')
  const color = await strokes(bob).first().getAttribute('stroke')
  if (!/^#[0-9a-f]{6}$/.test(color ?? '')) {
    throw new Error(`the stroke's colour is not a plain colour: ${color}`)
  }

  await alice.page.getByRole('button', { name: 'Undo' }).click()
  await count(bob, 0, 'Alice\'s undo takes the stroke off Bob\'s board')
  await alice.page.getByRole('button', { name: 'Redo' }).click()
  await count(bob, 1, 'Alice\'s redo brings the stroke back on Bob\'s board')

  // Bob selects the stroke and moves it; then deletes it.
  await bob.page.getByRole('button', { name: 'Select' }).click()
  const before = await strokes(alice).first().getAttribute('points')
  const box = await strokes(bob).first().boundingBox()
  await bob.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await bob.page.mouse.down()
  await bob.page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 4 })
  await bob.page.mouse.up()
  await until('Bob\'s move reaches Alice\'s board', (t) => alice.page.waitForFunction((before) => document.querySelector('[data-testid=board] [data-type=stroke]')?.getAttribute('points') !== before, before, { timeout: t }))
  await bob.page.getByRole('button', { name: 'Delete' }).click()
  await count(alice, 0, 'Bob\'s delete takes the stroke off Alice\'s board')

  await drawLine(alice, [0.5, 0.5], [0.8, 0.6])
  await count(bob, 1, 'Alice\'s second stroke appears on Bob\'s board')
  const download = alice.page.waitForEvent('download', { timeout: 20_000 })
  await alice.page.getByRole('button', { name: 'Export SVG' }).click()
  const svg = await readFile(await (await download).path(), 'utf8')
  if ((svg.match(/<polyline/g) ?? []).length !== 1) {
    throw new Error(`the SVG export does not hold exactly the one stroke on the board: ${svg}`)
  }
})
