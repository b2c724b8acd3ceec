// The community's analytics page: Alice (Northwind) coordinates; Bob (Contoso, on a phone-sized screen) asks a
// question, Alice answers it and Bob accepts her answer (REST, as the threads' own screens are on another branch).
// Alice opens the analytics from the community's home with the keyboard and sees the answer flow from Northwind to
// Contoso, the question answered and accepted, the sponsor's table, and both members' rows; the flows table downloads
// as CSV with the same figures. Bob sees the same organization-level figures but only his own member row, and the
// page fits his narrow screen.
import { admit, createCommunity, join, openCommunity, rest, scenario, signIn, unique, until, visible } from '../lib.mjs'

/**
 * Asks for the report again (the Show button) until <paramref name="locator"/> is there: the activity reaches the
 * analytics through the community's stream, after the REST call that made it has answered.
 */
async function showUntil (person, locator, what) {
  const { page } = person
  await until(what, async (timeout) => {
    const deadline = Date.now() + timeout
    for (;;) {
      const answered = page.waitForResponse((r) => r.url().includes('/analytics?'), { timeout: Math.max(1, deadline - Date.now()) })
      await page.getByRole('button', { name: 'Show', exact: true }).click()
      await answered
      await page.locator('.analytics-body[aria-busy=false]').waitFor({ timeout: Math.max(1, deadline - Date.now()) })
      if (await locator.count() > 0) return
      if (Date.now() > deadline) throw new Error(`still not there after ${timeout} ms`)
    }
  })
}

await scenario('analytics', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso', { viewport: { width: 390, height: 844 } })
  const name = unique('Tunnel linings')
  const id = await createCommunity(alice, name, 'tunnelling')
  await admit(alice, 'contoso')
  await join(bob, id, name)

  const question = await rest(bob, 'POST', `/api/communities/${id}/threads`, { title: 'Grout pressure behind segments?', kind: 'question', body: 'What pressure do you use?' })
  const threadId = question.thread.id
  const answer = await rest(alice, 'POST', `/api/threads/${threadId}/posts`, { body: 'We keep it under 3 bar.' })
  await rest(bob, 'POST', `/api/threads/${threadId}/accept`, { postId: answer.id })

  // Alice reaches the page from the community's home with the keyboard.
  await openCommunity(alice, id, name)
  const link = alice.page.getByTestId('analytics-link')
  await visible(link, 'Alice sees the analytics link on the community home')
  await link.focus()
  await alice.page.keyboard.press('Enter')
  await visible(alice.page.getByRole('heading', { name: `Analytics of ${name}`, level: 1 }), 'Alice lands on the analytics page')

  const flow = alice.page.locator('[data-testid=flows] li[data-from=northwind][data-to=contoso]', { hasText: '1 answer, 1 accepted' })
  await showUntil(alice, flow, 'Alice sees one answer and one accepted answer flow from Northwind to Contoso')
  await visible(alice.page.locator('.heat td[data-from=northwind][data-to=contoso][data-answers="1"][data-accepted="1"]'), 'the heat table shows the cross-organization cell')
  const contosoQuestions = alice.page.locator('[data-testid=questions-by-organization] tr', { has: alice.page.locator('[data-org=contoso]') })
  await visible(contosoQuestions, 'Alice sees Contoso among the organizations that asked')
  const cells = await contosoQuestions.locator('td').allTextContents()
  if (cells.slice(0, 3).join(',') !== '1,1,1') {
    throw new Error(`Contoso's questions row reads ${cells.join(',')}, not asked 1, answered 1, accepted 1`)
  }
  await visible(alice.page.locator('[data-testid=time-to-answer] tr', { hasText: 'Accepted answer from another organization' }).locator('td').first().filter({ hasText: /^1$/ }), 'the accepted cross-organization answer is timed')
  const sponsor = alice.page.locator('[data-testid=sponsor-table] tr', { has: alice.page.locator('[data-org=northwind]') })
  const given = await sponsor.locator('td').allTextContents()
  if (given[1] !== '1' || given[2] !== '1' || given[3] !== '1') {
    throw new Error(`Northwind's sponsor row reads ${given.join(',')}, not one answer given, to others, accepted by others`)
  }
  const members = alice.page.locator('[data-testid=member-rows][data-member-detail=all]')
  await visible(members.locator('tr', { hasText: 'Alice' }), 'Alice, a coordinator, sees her own member row')
  await visible(members.locator('tr', { hasText: 'Bob' }), 'Alice, a coordinator, sees Bob\'s member row')

  // A window of zero days is refused by the picker itself (1 to 366): the page keeps the window it shows.
  await alice.page.getByLabel('Days', { exact: true }).fill('0')
  await alice.page.getByLabel('Days', { exact: true }).press('Enter')
  if (!(await alice.page.getByLabel('Days', { exact: true }).evaluate((input) => input.matches(':invalid')))) {
    throw new Error('A window of 0 days is not marked invalid in the picker')
  }
  await visible(alice.page.getByTestId('analytics-window').getByText(/^30 days/), 'the page still shows the 30-day window after 0 days was refused')

  // The flows table as CSV, with the window Alice asked for.
  await alice.page.getByLabel('Days', { exact: true }).fill('7')
  await alice.page.getByLabel('Days', { exact: true }).press('Enter')
  await visible(alice.page.getByTestId('analytics-window').getByText(/^7 days/), 'the window picker shows a 7-day window')
  const download = alice.page.waitForEvent('download', { timeout: 20_000 })
  await alice.page.getByRole('button', { name: 'Download Knowledge flow between organizations as CSV' }).click()
  const csv = await until('the flows CSV downloads', async () => {
    const file = await (await download).path()
    const { readFile } = await import('node:fs/promises')
    return readFile(file, 'utf8')
  })
  if (!/northwind,contoso,1,1/.test(csv)) {
    throw new Error(`The flows CSV has no row northwind,contoso,1,1:\n${csv}`)
  }

  // Bob: the same organization-level figures, only his own member row, and the page fits his narrow screen.
  await bob.page.goto(`${run.url}/#/communities/${id}/analytics`)
  const bobFlow = bob.page.locator('[data-testid=flows] li[data-from=northwind][data-to=contoso]', { hasText: '1 answer, 1 accepted' })
  await showUntil(bob, bobFlow, 'Bob sees the flow from Northwind to Contoso')
  const own = bob.page.locator('[data-testid=member-rows][data-member-detail=self]')
  await visible(own.locator('tr', { hasText: 'Bob' }), 'Bob sees his own member row')
  const others = await own.locator('tbody tr').count()
  if (others !== 1 || (await bob.page.locator('[data-testid=member-rows] tr', { hasText: 'Alice' }).count()) !== 0) {
    throw new Error(`Bob, a member of Contoso, sees ${others} member rows (Alice's among them?): member-level rows are for coordinators`)
  }
  const overflow = await bob.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  if (overflow > 0) {
    throw new Error(`On Bob's 390-pixel screen the analytics page is ${overflow} pixels wider than the screen`)
  }
})
