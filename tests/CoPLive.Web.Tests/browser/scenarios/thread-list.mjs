// A community's thread list, in pages: Alice (Northwind) starts 53 threads through the API; her community home shows
// the 50 with the latest activity, the rest on "Show more", and a reply moves its thread to the top.
import { createCommunity, gone, rest, scenario, signIn, unique, visible } from '../lib.mjs'

await scenario('thread-list', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const id = await createCommunity(alice, unique('Haul roads'), 'mining')

  const started = 53
  const threadIds = []
  for (let i = 1; i <= started; i++) {
    const title = `Grade ${String(i).padStart(2, '0')}`
    const view = await rest(alice, 'POST', `/api/communities/${encodeURIComponent(id)}/threads`, { title, kind: 'discussion', body: `How steep is ${title}?` })
    threadIds.push(view.thread.id)
  }

  const { page } = alice
  const threads = page.locator('section[data-feature="threads"] .thread-list li')
  await page.reload()
  await visible(threads.nth(49), 'Alice sees the 50 threads with the latest activity')
  if (await threads.count() !== 50) throw new Error('the first page should hold exactly 50 threads')
  await visible(threads.first().filter({ hasText: 'Grade 53' }), 'the latest thread is first')
  await gone(threads.filter({ hasText: 'Grade 01' }), 'the oldest thread is not on the first page')
  await page.getByRole('button', { name: 'Show more (3 more)' }).click()
  await visible(threads.filter({ hasText: 'Grade 01' }), 'Alice sees the oldest thread after "Show more"')
  await gone(page.locator('#more-threads'), 'the "Show more" button goes once every thread is shown')

  await rest(alice, 'POST', `/api/threads/${encodeURIComponent(threadIds[0])}/posts`, { body: 'About 8 %.' })
  await page.reload()
  await visible(threads.first().filter({ hasText: 'Grade 01' }), 'a reply moves its thread to the top of the list')
  await visible(threads.first().filter({ hasText: '2 posts' }), 'and counts in it')
})
