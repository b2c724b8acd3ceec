// The meetup room's whiteboard and notes, side by side: Alice (Northwind) hosts; from the room she creates and
// links a whiteboard and notes; Bob (Contoso) sees both panels, types in the notes and Alice sees it; Alice's
// stroke reaches Bob's board; the host presents, the audience does not. When Alice makes the notes stage only,
// Bob's notes turn read-only. Carol (Fabrikam) on a phone-sized screen sees both panels stacked, the page no
// wider than her screen.
import { admit, createCommunity, join, planMeetup, scenario, signIn, unique, until, visible } from '../lib.mjs'
import { boardElements, dragOnBoard } from '../documents-lib.mjs'

const panel = (person, role) => person.page.locator(`.meetup-panel[data-panel=${role}]`)
const synced = (person, role) => visible(panel(person, role).locator('[data-testid=sync-state][data-state=synced]'), `${person.name}'s ${role} panel is synced with the server`)
const notesShow = (person, text, what) =>
  until(what, (t) => person.page.waitForFunction((text) => (document.querySelector('.meetup-panel[data-panel=notes] .cm-content')?.textContent ?? '').includes(text), text, { timeout: t }))

await scenario('meetup-documents', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const carol = await signIn(run, 'Carol', 'fabrikam', { viewport: { width: 390, height: 844 } })
  const name = unique('Tailings')
  const id = await createCommunity(alice, name, 'tailings dams')
  await admit(alice, 'contoso')
  await admit(alice, 'fabrikam')
  await join(bob, id, name)
  await join(carol, id, name)

  const title = unique('Dam review')
  const meetupId = await planMeetup(alice, title)
  await alice.page.getByRole('link', { name: title }).click()
  await alice.page.getByRole('button', { name: 'Start meetup' }).click()
  await visible(alice.page.locator('[data-testid=phase]', { hasText: 'live' }), 'the meetup is live for Alice')
  await alice.page.getByRole('button', { name: 'Create and link a whiteboard' }).click()
  await synced(alice, 'whiteboard')
  await alice.page.getByRole('button', { name: 'Create and link notes' }).click()
  await synced(alice, 'notes')

  for (const person of [bob, carol]) {
    await person.page.goto(`${run.url}/#/meetups/${meetupId}`)
    await visible(person.page.getByRole('heading', { name: title, level: 1 }), `${person.name} opens the meetup`)
    await synced(person, 'whiteboard')
    await synced(person, 'notes')
  }

  // Side by side for Alice's wide screen, stacked for Carol's phone.
  const boxes = async (person) => Promise.all(['whiteboard', 'notes'].map((role) => panel(person, role).boundingBox()))
  const [aliceBoard, aliceNotes] = await boxes(alice)
  if (!(Math.abs(aliceBoard.y - aliceNotes.y) < 60 && aliceNotes.x > aliceBoard.x + aliceBoard.width - 1)) {
    throw new Error(`the whiteboard and the notes are not side by side on Alice's wide screen: ${JSON.stringify([aliceBoard, aliceNotes])}`)
  }
  const [carolBoard, carolNotes] = await boxes(carol)
  if (!(carolNotes.y >= carolBoard.y + carolBoard.height - 1)) {
    throw new Error(`the whiteboard and the notes are not stacked on Carol's phone: ${JSON.stringify([carolBoard, carolNotes])}`)
  }
  const wide = await carol.page.evaluate(() => document.documentElement.scrollWidth)
  if (wide > 390) {
    throw new Error(`the meetup room is wider (${wide} px) than Carol's 390 px screen`)
  }

  // Bob types in the notes; Alice sees it. Alice draws; Bob sees it.
  await panel(bob, 'notes').locator('.cm-content').click()
  await bob.page.keyboard.type('Seepage readings look stable.')
  await notesShow(alice, 'Seepage readings look stable.', 'Bob\'s notes reach Alice\'s notes panel')
  await dragOnBoard(alice, 'Rectangle', [0.2, 0.2], [0.5, 0.5], panel(alice, 'whiteboard'))
  await visible(boardElements(bob, '[data-type=shape]', panel(bob, 'whiteboard')), 'Alice\'s rectangle reaches Bob\'s whiteboard panel')

  // The host presents the board; the audience follows, and cannot present.
  await visible(panel(alice, 'whiteboard').getByRole('button', { name: 'Present my view' }), 'Alice, the host, may present the whiteboard')
  if (await panel(bob, 'whiteboard').getByRole('button', { name: 'Present my view' }).count() !== 0) {
    throw new Error('Bob, in the audience, is offered to present the whiteboard')
  }

  // Stage only: Bob's notes turn read-only.
  await alice.page.getByRole('button', { name: 'Only the stage edits the notes' }).click()
  await visible(panel(bob, 'notes').locator('[data-testid=read-only]'), 'Bob\'s notes say they are read-only once the notes are stage only')
  await synced(bob, 'notes')
  const editable = await panel(bob, 'notes').locator('.cm-content').getAttribute('contenteditable')
  if (editable !== 'false') {
    throw new Error(`Bob's stage-only notes are still editable (contenteditable=${editable})`)
  }
  await notesShow(bob, 'Seepage readings look stable.', 'Bob\'s read-only notes still show the text')
  await panel(alice, 'notes').locator('.cm-content').click()
  await alice.page.keyboard.press('Control+End')
  await alice.page.keyboard.type(' Host checked.')
  await notesShow(bob, 'Host checked.', 'the host\'s edit reaches Bob\'s read-only notes')
})
