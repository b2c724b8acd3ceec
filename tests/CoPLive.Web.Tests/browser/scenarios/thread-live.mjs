// A post and a reaction in a thread show for the other: Alice (Northwind) asks a question; Bob (Contoso) opens
// it, replies; Alice sees his reply arrive live, reacts with a heart and accepts it; Bob sees the heart count and
// the accepted answer live, and Alice's notifications badge counts Bob's reply (she follows her thread).
import { admit, createCommunity, join, scenario, signIn, unique, until, visible } from '../lib.mjs'
import { reopenCommunity } from '../documents-lib.mjs'

await scenario('thread-live', async (run) => {
  const alice = await signIn(run, 'Alice', 'northwind')
  const bob = await signIn(run, 'Bob', 'contoso')
  const name = unique('Pump maintenance')
  const id = await createCommunity(alice, name, 'pumps')
  await admit(alice, 'contoso')
  await join(bob, id, name)

  const title = unique('Which seal lasts longest')
  await alice.page.getByText('Start a thread', { exact: true }).first().click()
  await alice.page.getByLabel('Thread title').fill(title)
  await alice.page.getByLabel('Thread kind').selectOption('question')
  await alice.page.getByLabel('Opening post').fill('Our **mechanical seals** fail after 3 months. <script>alert(1)</script>')
  await alice.page.getByRole('button', { name: 'Start thread' }).click()
  await visible(alice.page.getByRole('heading', { name: title, level: 1 }), 'Alice lands on her new thread')
  await visible(alice.page.locator('[data-post-id=p1] .post-body strong', { hasText: 'mechanical seals' }), 'the opening post shows its Markdown as HTML')
  if (await alice.page.locator('[data-post-id=p1] .post-body script').count() !== 0) {
    throw new Error('raw HTML in a post became markup')
  }

  await reopenCommunity(bob, run.url, id, name)
  const link = bob.page.locator('.thread-list').getByRole('link', { name: title })
  await visible(link, 'Bob sees the question in the community\'s threads')
  await bob.page.getByLabel('Show threads').selectOption('unanswered')
  await visible(bob.page.locator('.thread-list').getByRole('link', { name: title }), 'Bob finds it among the unanswered questions')
  await bob.page.getByLabel('Search threads').fill('seal')
  await bob.page.getByRole('button', { name: 'Search' }).click()
  await visible(bob.page.locator('.search-hits').getByRole('link', { name: title }), 'Bob finds the thread by searching "seal"')
  await bob.page.locator('.search-hits').getByRole('link', { name: title }).click()
  await visible(bob.page.getByRole('heading', { name: title, level: 1 }), 'Bob opens the thread')

  const reply = unique('Silicon carbide faces last us two years')
  await bob.page.getByLabel('Your reply').fill(reply)
  await bob.page.getByRole('button', { name: 'Post reply' }).click()
  await visible(alice.page.locator('[data-post-id=p2]', { hasText: reply }), 'Bob\'s reply appears live for Alice')
  await visible(alice.page.locator('[data-testid=unread-count]', { hasText: '1' }), 'Alice\'s notifications badge counts Bob\'s reply')

  await alice.page.locator('[data-post-id=p2] [data-emoji=heart]').click()
  await visible(bob.page.locator('[data-post-id=p2] [data-emoji=heart] .count', { hasText: '1' }), 'Alice\'s heart on the reply counts 1 for Bob')
  await visible(alice.page.locator('[data-post-id=p2] [data-emoji=heart][aria-pressed=true]'), 'Alice\'s heart shows as hers')
  await alice.page.locator('[data-post-id=p2]').getByRole('button', { name: 'Accept answer' }).click()
  await visible(bob.page.locator('[data-post-id=p2] [data-testid=accepted]', { hasText: 'across organizations' }), 'Bob sees his reply accepted, across organizations')
  await visible(bob.page.locator('[data-testid=thread-kind]', { hasText: 'answered' }), 'the thread shows as answered for Bob')

  // A toggle: reacting again takes the heart back, for both.
  await alice.page.locator('[data-post-id=p2] [data-emoji=heart]').click()
  await visible(alice.page.locator('[data-post-id=p2] [data-emoji=heart][aria-pressed=false]'), 'Alice\'s second click takes her heart back')
  await until('the heart count disappears for Bob', (t) => bob.page.locator('[data-post-id=p2] [data-emoji=heart] .count').waitFor({ state: 'detached', timeout: t }))
})
