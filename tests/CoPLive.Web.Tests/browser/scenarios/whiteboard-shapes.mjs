// Shapes, text, a sticky note and a connector made by one appear for the other, and the SVG export draws them:
// Alice (Northwind) drags a rectangle, an ellipse and a diamond to size, types a text and a sticky note in
// place (no prompt), and connects the rectangle to the note; Bob (Contoso) sees each, and edits the note's text
// in place, which Alice sees.
import { readFile } from 'node:fs/promises'
import { scenario, until, visible } from '../lib.mjs'
import { boardElements, boardPoint, dragOnBoard, twoOnADocument } from '../documents-lib.mjs'

await scenario('whiteboard-shapes', async (run) => {
  const { alice, bob } = await twoOnADocument(run, { community: 'Plant layout', domain: 'process plants', title: 'Flow sheet', kind: 'whiteboard' })

  for (const [tool, shape, from, to] of [['Rectangle', 'rectangle', [0.05, 0.1], [0.25, 0.3]], ['Ellipse', 'ellipse', [0.3, 0.5], [0.45, 0.7]], ['Diamond', 'diamond', [0.05, 0.6], [0.2, 0.85]]]) {
    await dragOnBoard(alice, tool, from, to)
    await visible(boardElements(bob, `[data-type=shape][data-shape=${shape}]`), `Alice's ${shape} appears on Bob's board`)
  }
  const rectangle = boardElements(bob, '[data-type=shape][data-shape=rectangle] rect')
  const width = Number(await rectangle.getAttribute('width'))
  if (!(width > 250 && width < 390)) {
    throw new Error(`the rectangle is not the size Alice dragged (about 320 board units wide): ${width}`)
  }

  await alice.page.getByRole('button', { name: 'Text', exact: true }).click()
  await alice.page.mouse.click(...await boardPoint(alice, [0.55, 0.55]))
  await alice.page.getByRole('textbox', { name: 'Text', exact: true }).fill('Feed conveyor')
  await alice.page.keyboard.press('Enter')
  await visible(boardElements(bob, '[data-type=text]', bob.page).filter({ hasText: 'Feed conveyor' }), 'Alice\'s text appears on Bob\'s board')

  await alice.page.getByRole('button', { name: 'Sticky note', exact: true }).click()
  await alice.page.mouse.click(...await boardPoint(alice, [0.7, 0.1]))
  await alice.page.getByRole('textbox', { name: 'Sticky note text' }).fill('Check belts')
  await alice.page.keyboard.press('Enter')
  await visible(boardElements(bob, '[data-type=sticky]').filter({ hasText: 'Check belts' }), 'Alice\'s sticky note appears on Bob\'s board')

  // A connector from the rectangle to the sticky note.
  await alice.page.getByRole('button', { name: 'Connector', exact: true }).click()
  const a = await boardElements(alice, '[data-type=shape][data-shape=rectangle]').boundingBox()
  const b = await boardElements(alice, '[data-type=sticky]').boundingBox()
  await alice.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await alice.page.mouse.down()
  await alice.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 6 })
  await alice.page.mouse.up()
  await visible(boardElements(bob, '[data-type=connector]'), 'Alice\'s connector appears on Bob\'s board')

  // Bob edits the note in place (double-click, type, Enter); Alice sees the new text.
  await bob.page.getByRole('button', { name: 'Select', exact: true }).click()
  await boardElements(bob, '[data-type=sticky]').dblclick({ position: { x: 12, y: 12 } })
  const note = bob.page.getByRole('textbox', { name: 'Sticky note text' })
  await visible(note, 'Bob\'s note editor opens in place')
  await note.fill('Check belts and idlers')
  await bob.page.keyboard.press('Enter')
  await visible(boardElements(alice, '[data-type=sticky]').filter({ hasText: 'Check belts and idlers' }), 'Bob\'s edit of the note appears on Alice\'s board')

  // The connector follows the note when Alice moves it: its end is the note, not a point.
  const before = await boardElements(bob, '[data-type=connector] line').last().getAttribute('x2')
  await alice.page.getByRole('button', { name: 'Select', exact: true }).click()
  const n = await boardElements(alice, '[data-type=sticky]').boundingBox()
  await alice.page.mouse.move(n.x + 20, n.y + 20)
  await alice.page.mouse.down()
  await alice.page.mouse.move(n.x + 20 - 120, n.y + 20 + 150, { steps: 5 })
  await alice.page.mouse.up()
  await until('the connector\'s end follows the moved note on Bob\'s board', (t) => bob.page.waitForFunction((before) => document.querySelector('[data-testid=board] [data-type=connector] line:last-child')?.getAttribute('x2') !== before, before, { timeout: t }))

  const download = alice.page.waitForEvent('download', { timeout: 20_000 })
  await alice.page.getByRole('button', { name: 'Export SVG' }).click()
  const svg = await readFile(await (await download).path(), 'utf8')
  for (const [what, pattern] of [['the ellipse', /<ellipse/], ['the diamond', /<polygon/], ['the connector', /<line[^>]*marker-end/], ['the text', /Feed conveyor/], ['the note', /Check belts and idlers/]]) {
    if (!pattern.test(svg)) {
      throw new Error(`the SVG export does not draw ${what}: ${svg}`)
    }
  }
})
