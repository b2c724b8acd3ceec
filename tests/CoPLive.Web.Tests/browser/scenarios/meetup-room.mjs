// The meetup room's live actions between a host and the audience, each seen by the other: Bob (Contoso) raises
// his hand and Alice (the host, Northwind) calls him on stage; Bob asks a question, Dave (Northwind) upvotes it
// and Alice marks it answered; Alice opens a poll, Bob votes; Dave chats; Alice links a whiteboard. A narrow (phone-sized) screen for Bob.
// Bob then leaves, and Dave, reopening the meetup, still sees him named on the stage (a lookup of the stage by id).
import { admit, createCommunity, gone, join, planMeetup, presenceOf, scenario, signIn, unique, visible } from '../lib.mjs'

await scenario('meetup-room', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso', { viewport: { width: 390, height: 844 } })
  const dave = await signIn(run, 'Dave', 'northwind')
  const name = unique('Blasting')
  const id = await createCommunity(alice, name, 'drill and blast')
  await admit(alice, 'contoso')
  await join(bob, id, name)
  await join(dave, id, name)
  const title = unique('Vibration limits')
  const meetupId = await planMeetup(alice, title)
  await alice.page.getByRole('link', { name: title }).click()
  await alice.page.getByRole('button', { name: 'Start meetup' }).click()
  await visible(alice.page.locator('[data-testid=phase]', { hasText: 'live' }), 'the meetup is live for Alice')
  for (const person of [bob, dave]) {
    await person.page.goto(`${run.url}/#/meetups/${meetupId}`)
    await visible(person.page.locator('[data-testid=phase]', { hasText: 'live' }), `${person.name} sees the meetup live`)
  }

  // Hands and the stage
  await bob.page.getByRole('button', { name: 'Raise your hand' }).click()
  await visible(alice.page.getByRole('button', { name: 'Call on Bob' }), 'Alice sees Bob\'s raised hand')
  await alice.page.getByRole('button', { name: 'Call on Bob' }).click()
  await visible(dave.page.locator('.stage-people li', { hasText: 'Bob' }), 'Dave sees Bob on the stage')
  await visible(bob.page.getByText('The host called on you'), 'Bob is told he was called on')

  // Questions, upvotes, answered
  const question = unique('What peak particle velocity near the school?')
  await bob.page.getByLabel('Your question').fill(question)
  await bob.page.getByRole('button', { name: 'Ask', exact: true }).click()
  const daveQuestion = dave.page.locator('.question-list li', { hasText: question })
  await visible(daveQuestion, 'Dave sees Bob\'s question')
  await daveQuestion.getByRole('button', { name: /^Upvote/ }).click()
  await visible(alice.page.locator('.question-list li', { hasText: question }).locator('.votes', { hasText: '1' }), 'Alice sees the question\'s upvote')
  await alice.page.locator('.question-list li', { hasText: question }).getByRole('button', { name: 'Mark answered' }).click()
  await visible(bob.page.locator('.question-list li.answered', { hasText: question }), 'Bob sees his question answered')

  // A poll
  const poll = unique('Which limit do you use?')
  await alice.page.getByLabel('Poll question').fill(poll)
  await alice.page.getByLabel('Options, one per line').fill('5 mm/s\n10 mm/s\n25 mm/s')
  await alice.page.getByRole('button', { name: 'Open poll' }).click()
  const bobPoll = bob.page.locator('.poll', { hasText: poll })
  await visible(bobPoll, 'Bob sees the poll')
  await bobPoll.getByRole('button', { name: 'Vote 10 mm/s' }).click()
  await visible(alice.page.locator('.poll', { hasText: poll }).locator('li', { hasText: '10 mm/s' }).locator('.votes', { hasText: '1' }), 'Alice sees Bob\'s vote in the tallies')

  // Chat
  const message = unique('We use 10 mm/s near houses')
  await dave.page.getByRole('textbox', { name: 'Message' }).fill(message)
  await dave.page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await visible(bob.page.locator('.chat-list li', { hasText: message }), 'Bob sees Dave\'s chat message')
  await visible(alice.page.locator('.chat-list li', { hasText: message }), 'Alice sees Dave\'s chat message')

  // A linked whiteboard: the host links a document, and its panel appears for the audience
  await alice.page.getByText('Meetup settings').click()
  await alice.page.getByLabel('Link as').selectOption('whiteboard')
  await alice.page.getByLabel('Document id').fill('board-1')
  await alice.page.getByRole('button', { name: 'Link document' }).click()
  await visible(bob.page.locator('[data-panel="whiteboard"]', { hasText: 'board-1' }), 'Bob sees the whiteboard panel once the host links it')

  // Someone on stage who is not in the room is named by a lookup of the directory by id, not by the roster
  await bob.page.goto(`${run.url}/#/communities`)
  await gone(presenceOf(dave, bob), 'Dave sees Bob leave the meetup room')
  await dave.page.reload()
  await visible(dave.page.locator('.stage-people li .name').getByText('Bob', { exact: true }), 'Dave, reopening the meetup, sees Bob named on the stage though Bob is not in the room')
})
