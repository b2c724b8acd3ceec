// The member directory of a large community, in pages: 104 colleagues of Alice (Northwind) join her community
// through the API; her community home shows the first 100 of the 105 members and the total, shows the rest on
// "Show more", and finds members by name; her audit log shows the newest 100 entries first, the older on "Show older".
import { createCommunity, scenario, signIn, unique, visible, gone } from '../lib.mjs'

await scenario('member-directory', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const name = unique('Tailings dams')
  const id = await createCommunity(alice, name, 'geotechnics')

  const joiners = 104
  for (let i = 1; i <= joiners; i++) {
    const displayName = `Walker ${String(i).padStart(3, '0')}`
    const tokenResponse = await fetch(`${run.url}/api/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: `walker-${i}-${id.slice(-6)}`, displayName, organizationId: 'northwind' })
    })
    const { token } = await tokenResponse.json()
    const joined = await fetch(`${run.url}/api/communities/${encodeURIComponent(id)}/join`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })
    if (!joined.ok) throw new Error(`${displayName} could not join: ${joined.status} ${await joined.text()}`)
  }

  const { page } = alice
  const members = page.locator('section[aria-labelledby="members-title"] .member-list li')
  await page.reload()
  await visible(page.locator('#members-title', { hasText: 'Members (105)' }), 'Alice sees that the community has 105 members')
  await visible(members.nth(99), 'Alice sees the first 100 members')
  if (await members.count() !== 100) throw new Error('the first page should hold exactly 100 members')
  await page.getByRole('button', { name: 'Show more (5 more)' }).click()
  await visible(members.filter({ hasText: 'Walker 104' }), 'Alice sees the last member after "Show more"')
  await gone(page.locator('#more-members'), 'the "Show more" button goes once every member is shown')

  await page.getByLabel('Find a member by name').fill('walker 10')
  await page.getByRole('button', { name: 'Find' }).click()
  await visible(page.locator('#members-title', { hasText: 'Members matching "walker 10" (5)' }), 'Alice finds the five members whose name contains "walker 10" (100 to 104)')
  if (await members.count() !== 5) throw new Error('the search should show exactly five members')
  await visible(members.filter({ hasText: 'Walker 104' }), 'Walker 104 is among them')
  await gone(members.filter({ hasText: 'Walker 010' }), 'Walker 010 is not: its name does not contain "walker 10"')

  const entries = page.locator('ol.audit li')
  await page.locator('summary', { hasText: 'Audit log' }).click()
  await visible(entries.nth(99), 'Alice sees the 100 newest entries of the audit log')
  if (await entries.count() !== 100) throw new Error('the first page of the audit log should hold exactly 100 entries')
  await visible(entries.first().filter({ hasText: `walker-104-${id.slice(-6)} · member-joined` }), 'the newest entry is first: the last join')
  await gone(entries.filter({ hasText: 'community-created' }), 'the community\'s creation is not among the newest 100')
  await page.locator('#older-audit').click()
  await visible(entries.last().filter({ hasText: 'community-created' }), 'the oldest entry, the community\'s creation, is last after "Show older"')
  await gone(page.locator('#older-audit'), 'the "Show older" button goes once every entry is shown')
})
