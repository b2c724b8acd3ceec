// The whiteboard's toolbar is one tab stop (roving tabindex): Alice focuses a tool, the arrow keys move between the
// buttons (wrapping), Home and End go to the first and last, Enter picks the tool, and Tab leaves the toolbar for
// the board in one step.
import { createCommunity, scenario, signIn, unique, until, visible } from '../lib.mjs'
import { createDocument } from '../documents-lib.mjs'

const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '')
const focusIs = (page, wanted, what) =>
  until(what, (t) => page.waitForFunction((wanted) => (document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent) === wanted, wanted, { timeout: t }))

await scenario('whiteboard-keyboard', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const { page } = alice
  await createCommunity(alice, unique('Conveyor design'), 'bulk handling')
  await createDocument(alice, unique('Transfer chute'), { kind: 'whiteboard' })
  const toolbar = page.getByRole('toolbar', { name: 'Whiteboard tools' })
  await visible(toolbar, 'Alice sees the whiteboard\'s toolbar')
  const stops = await toolbar.locator('button[tabindex="0"]').count()
  if (stops !== 1) {
    throw new Error(`The toolbar has ${stops} tab stops, not one`)
  }

  await toolbar.getByRole('button', { name: 'Select' }).focus()
  await page.keyboard.press('ArrowRight')
  await focusIs(page, 'Hand', 'ArrowRight moves the focus from Select to Hand')
  await page.keyboard.press('ArrowRight')
  await focusIs(page, 'Pen', 'ArrowRight moves the focus on to Pen')
  await page.keyboard.press('Enter')
  await visible(toolbar.locator('button[aria-pressed=true]', { hasText: 'Pen' }), 'Enter picks the pen')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  const last = await toolbar.locator('button').last().evaluate((b) => b.getAttribute('aria-label') || b.textContent)
  await focusIs(page, last, 'ArrowLeft from the first button wraps to the last')
  await page.keyboard.press('Home')
  await focusIs(page, 'Select', 'Home goes to the first button')
  await page.keyboard.press('End')
  await focusIs(page, last, 'End goes to the last button')
  await page.keyboard.press('Tab')
  await until('Tab leaves the toolbar for the board in one step', (t) =>
    page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'board', null, { timeout: t }))
  run.log(`focus after Tab: ${await focused(page)}`)
})
