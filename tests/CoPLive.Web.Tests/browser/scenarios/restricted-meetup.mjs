// A meetup restricted to one organization is invisible to the other: Alice plans one for Northwind only and one
// for everyone; Bob (Contoso, a member) sees only the open one, and opening the restricted one's address tells
// him it is not found; Dave (Northwind) sees both.
import { admit, createCommunity, join, planMeetup, scenario, signIn, unique, visible } from '../lib.mjs'

await scenario('restricted-meetup', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const dave = await signIn(run, 'Dave', 'northwind')
  const name = unique('Tunnelling')
  const id = await createCommunity(alice, name, 'underground works')
  await admit(alice, 'contoso')
  const restricted = unique('Northwind only')
  const open = unique('Everyone')
  const restrictedId = await planMeetup(alice, restricted, ['northwind'])
  await planMeetup(alice, open)

  await join(bob, id, name)
  await join(dave, id, name)
  await visible(bob.page.getByRole('link', { name: open }), 'Bob sees the meetup open to everyone')
  await visible(dave.page.getByRole('link', { name: restricted }), 'Dave of Northwind sees the Northwind-only meetup')
  if (await bob.page.getByRole('link', { name: restricted }).count() !== 0) {
    throw new Error('Bob of Contoso sees the Northwind-only meetup in the list')
  }

  await bob.page.goto(`${run.url}/#/meetups/${restrictedId}`)
  await visible(bob.page.getByRole('heading', { name: 'Meetup not found' }), 'Bob is told the Northwind-only meetup is not found')
  if (await bob.page.getByText(restricted).count() !== 0) {
    throw new Error('the page shows Bob the title of the Northwind-only meetup')
  }
})
