// The whiteboard on a touch screen (a phone-sized context with touch): one finger draws a stroke with the pen, as
// the mouse does; two fingers spread apart zoom in around their midpoint (and leave no stroke behind).
import { createCommunity, scenario, signIn, unique, until, visible } from '../lib.mjs'
import { createDocument } from '../documents-lib.mjs'

const strokes = (page) => page.evaluate(() => document.querySelectorAll('[data-testid=board] [data-type=stroke]').length)
const zoomPercent = async (page) => Number((await page.getByTestId('zoom').innerText()).replace(/[^0-9]/g, ''))

/** Touch points through the DevTools protocol: Chromium makes touch and pointer events (pointerType touch) of them. */
async function touch (cdp, type, points) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) })
}

await scenario('whiteboard-touch', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind', { viewport: { width: 390, height: 844 }, hasTouch: true })
  const { page } = alice
  await createCommunity(alice, unique('Haul roads'), 'surface mining')
  await createDocument(alice, unique('Ramp layout'), { kind: 'whiteboard' })
  const board = page.getByTestId('board')
  await board.scrollIntoViewIfNeeded()
  const box = await board.boundingBox()
  const cdp = await page.context().newCDPSession(page)
  const x = (f) => box.x + box.width * f
  const y = (f) => box.y + box.height * f

  await page.getByRole('button', { name: 'Pen' }).click()
  await touch(cdp, 'touchStart', [[x(0.2), y(0.3)]])
  for (let i = 1; i <= 5; i++) await touch(cdp, 'touchMove', [[x(0.2 + i * 0.1), y(0.3 + i * 0.05)]])
  await touch(cdp, 'touchEnd', [])
  await until('one finger draws a stroke on the board', (t) =>
    page.waitForFunction(() => document.querySelectorAll('[data-testid=board] [data-type=stroke]').length === 1, null, { timeout: t }))

  const before = await zoomPercent(page)
  await touch(cdp, 'touchStart', [[x(0.45), y(0.5)]])
  await touch(cdp, 'touchStart', [[x(0.45), y(0.5)], [x(0.55), y(0.5)]])
  for (let i = 1; i <= 5; i++) await touch(cdp, 'touchMove', [[x(0.45 - i * 0.05), y(0.5)], [x(0.55 + i * 0.05), y(0.5)]])
  await touch(cdp, 'touchEnd', [])
  await until('two fingers spread apart zoom the board in', (t) =>
    page.waitForFunction((before) => Number(document.querySelector('[data-testid=zoom]').textContent.replace(/[^0-9]/g, '')) > before, before, { timeout: t }))
  const after = await zoomPercent(page)
  run.log(`pinch: zoom ${before} % -> ${after} %`)
  if (await strokes(page) !== 1) {
    throw new Error('The pinch left a stroke on the board (or took the first one away)')
  }
  await visible(page.getByTestId('board'), 'the board is still there')
})
