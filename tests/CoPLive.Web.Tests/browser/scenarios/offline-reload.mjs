// Reloading while offline loads the app from the service worker's copy of the shell: Alice has a document open
// (so the shell is cached and her copy of the document is in IndexedDB); her network goes (the page and the
// service worker: a route aborts the worker's requests, so nothing can come from the server); she reloads.
// The app, the offline banner and her document (from IndexedDB) show; she types a line; back online, it reaches Bob.
// The service worker's requests are visible to routes only with Playwright's service worker network events.
import { scenario, snapshot, until, visible } from '../lib.mjs'
import { editorShows, editorText, synced, twoOnADocument, typeAtEnd } from '../documents-lib.mjs'

process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1'

let refused = 0
const fromWorker = (route) => {
  if (!route.request().serviceWorker()) {
    return route.fallback()
  }
  refused++
  return route.abort('internetdisconnected')
}

await scenario('offline-reload', async (run) => {
  const { alice, bob } = await twoOnADocument(run, { community: 'Paste fill', domain: 'mine backfill', title: 'Binder trials' })
  const { page, context } = alice
  await typeAtEnd(alice, 'Cement at 4 percent. ')
  await editorShows(bob, 'Cement at 4 percent.', 'Alice\'s first line reaches Bob')
  await visible(page.locator('[data-testid=editor][data-local-loaded=true]'), 'Alice\'s local copy of the document is open')
  await until('the service worker controls Alice\'s page and has cached the app shell', (t) =>
    page.waitForFunction(async () => !!navigator.serviceWorker.controller && (await caches.keys()).some((name) => name.startsWith('coplive-shell-')), null, { timeout: t, polling: 100 }))

  await context.route('**', fromWorker)
  await context.setOffline(true)
  await visible(page.locator('[data-testid=sync-state][data-state=offline]'), 'Alice\'s editor says it is offline')
  const response = await page.reload()
  if (!response?.fromServiceWorker()) {
    throw new Error('The reload while offline was not answered by the service worker')
  }
  if (refused === 0) {
    throw new Error('The service worker did not try the network on the reload (network first), so the test did not cut it off')
  }
  await visible(page.getByTestId('offline-banner'), 'Alice sees the offline banner after reloading offline')
  await editorShows(alice, 'Cement at 4 percent.', 'Alice\'s document shows from her device after reloading offline')
  await visible(page.locator('[data-testid=sync-state][data-state=offline]'), 'Alice\'s reloaded editor says it is offline')
  await snapshot(alice, 'offline-reload-after-reload')
  await typeAtEnd(alice, 'Written-offline-after-reload. ')
  await editorShows(alice, 'Written-offline-after-reload.', 'Alice\'s offline line is in her editor')
  if ((await editorText(bob)).includes('Written-offline-after-reload.')) {
    throw new Error('Alice\'s offline line reached Bob while she was offline')
  }

  await context.setOffline(false)
  await context.unroute('**', fromWorker)
  await synced(alice)
  await editorShows(bob, 'Written-offline-after-reload.', 'Alice\'s line written offline after the reload reaches Bob once she is back online')
  await visible(page.locator('[data-testid=connection][data-state=online]'), 'Alice\'s connection to the hub is live again')
})
