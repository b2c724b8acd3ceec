// Remote pointers and following the presenter: Alice's (Northwind) pointer shows on Bob's (Contoso) board with her
// name and organization; Alice presents her view, Bob follows it, and Bob's viewport tracks Alice's zoom and pan
// until he pans himself.
import { scenario, until, visible } from '../lib.mjs'
import { boardPoint, twoOnADocument } from '../documents-lib.mjs'

const viewport = (person) => person.page.locator('[data-testid=board]').getAttribute('data-viewport')
const sameViewport = (follower, presenter, what) =>
  until(what, async (t) => {
    const wanted = await viewport(presenter)
    await follower.page.waitForFunction((wanted) => document.querySelector('[data-testid=board]')?.getAttribute('data-viewport') === wanted, wanted, { timeout: t })
  })

await scenario('whiteboard-presenter', async (run) => {
  const { alice, bob } = await twoOnADocument(run, { community: 'Mine planning', domain: 'mining', title: 'Pit layout', kind: 'whiteboard' })

  // Alice's pointer on Bob's board, with her name and organization.
  await alice.page.mouse.move(...await boardPoint(alice, [0.3, 0.3]))
  await alice.page.mouse.move(...await boardPoint(alice, [0.5, 0.4]), { steps: 5 })
  const pointer = bob.page.locator('[data-testid=remote-pointer][data-name="Alice"]')
  await visible(pointer, 'Alice\'s pointer shows on Bob\'s board')
  const text = await pointer.textContent()
  if (!text.includes('Alice') || !text.includes('northwind')) {
    throw new Error(`Alice's pointer is not labelled with her name and organization: ${text}`)
  }

  // Alice presents; Bob follows; Alice zooms and pans; Bob's view is Alice's.
  await alice.page.getByRole('button', { name: 'Present my view' }).click()
  await bob.page.getByRole('button', { name: 'Follow Alice' }).click()
  await alice.page.getByRole('button', { name: 'Zoom in' }).click()
  await alice.page.getByRole('button', { name: 'Zoom in' }).click()
  await alice.page.getByRole('button', { name: 'Pan right' }).click()
  if ((await viewport(alice)) === '0,0,1') {
    throw new Error('Alice\'s zoom and pan did not change her view')
  }
  await sameViewport(bob, alice, 'Bob\'s view follows Alice\'s zoom and pan')

  // Bob pans himself: he stops following, and Alice's next zoom leaves his view where he put it.
  await bob.page.locator('[data-testid=board]').focus()
  await bob.page.keyboard.press('ArrowDown')
  await visible(bob.page.getByRole('status').filter({ hasText: 'You stopped following Alice' }), 'Bob is told he stopped following Alice')
  const own = await viewport(bob)
  await alice.page.getByRole('button', { name: 'Zoom out' }).click()
  await visible(bob.page.getByRole('button', { name: 'Follow Alice' }), 'Bob can follow Alice again')
  await alice.page.getByRole('button', { name: 'Zoom out' }).click()
  await bob.page.getByRole('button', { name: 'Follow Alice' }).click()
  await sameViewport(bob, alice, 'Bob\'s view is Alice\'s again once he follows her again')
  if ((await viewport(bob)) === own) {
    throw new Error('following Alice again did not move Bob\'s view')
  }
})
