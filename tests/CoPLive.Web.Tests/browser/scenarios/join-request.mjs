// Joining by request and approval: Alice (Northwind) makes her community "by request and approval"; Bob
// (Contoso) asks to join and is told his request waits; Alice approves it in the coordination panel; Bob can
// then open the community and appears among its members.
import { admit, createCommunity, openCommunity, scenario, signIn, unique, visible } from '../lib.mjs'

await scenario('join-request', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const name = unique('Rail track')
  const id = await createCommunity(alice, name, 'permanent way')
  await admit(alice, 'contoso')
  await alice.page.getByLabel('Who may join').selectOption('approval')
  await visible(alice.page.getByTestId('join-policy').getByText('joining by request and approval'), 'Alice sees the join policy she chose')

  await bob.page.reload()
  const card = bob.page.locator(`[data-community-id="${id}"]`)
  await visible(card, 'Bob discovers the community')
  await card.getByRole('button', { name: 'Ask to join' }).click()
  await visible(card.getByText('Request sent'), 'Bob is told his request waits for approval')

  await alice.page.reload()
  const request = alice.page.locator('.admin li', { hasText: 'Bob' })
  await visible(request, 'Alice sees Bob\'s request')
  await request.getByRole('button', { name: 'Approve' }).click()
  await visible(alice.page.locator('.member-list li', { hasText: 'Bob' }).filter({ has: alice.page.locator('[data-org="contoso"]') }).first(), 'Alice sees Bob among the members')

  await bob.page.reload()
  await visible(card.getByRole('link', { name: 'Open' }), 'Bob may open the community once approved')
  await openCommunity(bob, id, name)
  await visible(bob.page.locator('#members-title', { hasText: 'Members (2)' }), 'Bob sees two members, himself included')
})
