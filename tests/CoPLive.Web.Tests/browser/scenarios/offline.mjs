// Going offline shows the banner and coming back resyncs: Bob goes offline (the banner shows, Alice sees him
// leave); meanwhile Carol arrives and Alice posts in the meetup's chat; when Bob is back the banner goes, and
// Bob sees Carol and the message he missed, replayed by ResumeRoom, and Alice sees him back.
import { admit, createCommunity, gone, hidden, until, join, planMeetup, presenceOf, scenario, signIn, unique, visible } from '../lib.mjs'

await scenario('offline', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const carol = await signIn(run, 'Carol', 'contoso')
  const name = unique('Ground water')
  const id = await createCommunity(alice, name, 'hydrogeology')
  await admit(alice, 'contoso')
  const title = unique('Pumping tests')
  const meetupId = await planMeetup(alice, title)
  await alice.page.getByRole('link', { name: title }).click()
  await alice.page.getByRole('button', { name: 'Start meetup' }).click()
  await visible(alice.page.locator('[data-testid=phase]', { hasText: 'live' }), 'the meetup is live for Alice')

  await join(bob, id, name)
  await join(carol, id, name)
  await bob.page.goto(`${run.url}/#/meetups/${meetupId}`)
  await visible(presenceOf(alice, bob), 'Alice sees Bob in the meetup')
  await visible(bob.page.locator('[data-testid=connection][data-state=online]'), 'Bob is live')

  await bob.context.setOffline(true)
  await visible(bob.page.getByTestId('offline-banner'), 'Bob sees the offline banner')
  await visible(bob.page.locator('[data-testid=connection][data-state=offline]'), 'Bob\'s connection state says offline')
  // Nothing closes Bob's socket: the server notices his silence after its client timeout (30 s).
  await until('Alice sees Bob leave while he is offline', (t) => presenceOf(alice, bob).waitFor({ state: 'detached', timeout: t }), 45_000)

  await carol.page.goto(`${run.url}/#/meetups/${meetupId}`)
  await visible(presenceOf(alice, carol), 'Alice sees Carol arrive')
  const missed = unique('Welcome, Carol')
  await alice.page.getByRole('textbox', { name: 'Message' }).fill(missed)
  await alice.page.getByRole('button', { name: 'Send' }).click()
  await visible(alice.page.locator('.chat-list li', { hasText: missed }), 'Alice sees her own message')

  await bob.context.setOffline(false)
  await hidden(bob.page.getByTestId('offline-banner'), 'Bob\'s offline banner goes away')
  await visible(bob.page.locator('[data-testid=connection][data-state=online]'), 'Bob is live again')
  await visible(presenceOf(bob, carol), 'Bob sees Carol, who arrived while he was away')
  await visible(bob.page.locator('.chat-list li', { hasText: missed }), 'Bob sees the message he missed')
  await visible(presenceOf(alice, bob), 'Alice sees Bob back')
})
