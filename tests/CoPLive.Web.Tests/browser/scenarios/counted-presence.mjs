// A counted organization's members are counted, not named, for other organizations: Fabrikam is admitted as
// "only counted". Bob (Contoso) sees one present from Fabrikam without Carol's name; Carol (Fabrikam) still sees
// her own name, and Alice's.
import { admit, createCommunity, join, presenceOf, scenario, signIn, unique, visible } from '../lib.mjs'

await scenario('counted-presence', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const carol = await signIn(run, 'Carol', 'fabrikam')
  const name = unique('Haul roads')
  const id = await createCommunity(alice, name, 'mining')
  await admit(alice, 'contoso')
  await admit(alice, 'fabrikam', 'counted')

  await join(bob, id, name)
  await join(carol, id, name)
  await visible(presenceOf(carol, carol), 'Carol sees herself by name')
  await visible(presenceOf(carol, alice), 'Carol sees Alice of Northwind by name')
  await visible(bob.page.locator('.presence [data-org="fabrikam"] .count', { hasText: '1' }), 'Bob sees one present from Fabrikam')
  await visible(bob.page.locator('.presence [data-org="fabrikam"]', { hasText: 'shown as a count' }), 'Bob sees that Fabrikam is shown as a count')
  const named = await bob.page.locator('.presence', { hasText: 'Carol' }).count()
  if (named !== 0) {
    throw new Error('Bob of Contoso sees the name of Carol, whose organization is only counted')
  }
})
