// Presence appears and disappears for the other organization: Alice (Northwind) creates a community and admits
// Contoso; Bob (Contoso) joins; each sees the other under their organization; Bob closes his tab and Alice sees
// him leave.
import { admit, createCommunity, gone, join, presenceOf, scenario, signIn, unique, visible } from '../lib.mjs'

await scenario('presence', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const name = unique('Rock mechanics')
  const id = await createCommunity(alice, name, 'geotechnics')
  await admit(alice, 'contoso')
  await visible(presenceOf(alice, alice), 'Alice sees herself here now')

  await join(bob, id, name)
  await visible(presenceOf(alice, bob), 'Alice sees Bob of Contoso arrive')
  await visible(presenceOf(bob, alice), 'Bob sees Alice of Northwind here')
  await visible(alice.page.locator('.presence [data-org="contoso"] .count', { hasText: '1' }), 'Alice sees one present from Contoso')

  await bob.page.close()
  await gone(presenceOf(alice, bob), 'Alice sees Bob leave when he closes his tab')
  await gone(alice.page.locator('.presence [data-org="contoso"]'), 'Contoso is no longer listed as present for Alice')
})
