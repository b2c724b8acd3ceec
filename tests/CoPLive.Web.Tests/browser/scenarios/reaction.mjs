// A reaction shows for the other: Alice (Northwind) hosts a live meetup; Bob (Contoso) sends a heart; it floats
// up on Alice's stage and her heart count goes up.
import { admit, createCommunity, join, planMeetup, presenceOf, scenario, signIn, unique, visible } from '../lib.mjs'

await scenario('reaction', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const name = unique('Slope stability')
  const id = await createCommunity(alice, name, 'geotechnics')
  await admit(alice, 'contoso')
  await join(bob, id, name)

  const title = unique('Monthly review')
  const meetupId = await planMeetup(alice, title)
  await alice.page.getByRole('link', { name: title }).click()
  await alice.page.getByRole('button', { name: 'Start meetup' }).click()
  await visible(alice.page.locator('[data-testid=phase]', { hasText: 'live' }), 'the meetup is live for Alice')

  await bob.page.goto(`${run.url}/#/meetups/${meetupId}`)
  await visible(bob.page.getByRole('heading', { name: title, level: 1 }), 'Bob opens the meetup')
  await visible(presenceOf(alice, bob), 'Alice sees Bob in the audience')
  await bob.page.getByRole('button', { name: 'Heart' }).click()

  await visible(alice.page.locator('.reaction-floats .float[data-reaction="heart"]'), 'a heart floats up on Alice\'s stage')
  await visible(alice.page.locator('[data-testid=reaction-totals] [data-reaction="heart"]', { hasText: '1' }), 'Alice\'s heart count shows 1')
  await visible(bob.page.locator('[data-testid=reaction-totals] [data-reaction="heart"]', { hasText: '1' }), 'Bob\'s heart count shows 1')
})
