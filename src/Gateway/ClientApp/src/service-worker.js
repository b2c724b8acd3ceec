// CoPLive's service worker (hand-written, no framework): it keeps the app shell (index.html, app.js, app.css and
// the bundle's chunks) so that the app loads when the page is reloaded offline. Network first: online, every
// shell request goes to the server and refreshes the copy, so a new deployment is never hidden behind an old
// cache; only when the network fails is the copy served. The cache is named after the bundle's hash
// (SHELL_VERSION, set by build.mjs), and a new worker deletes the older caches when it activates. Live traffic
// (/api, /hubs, /yjs) and anything but a GET of the shell never goes through the cache.
/* global SHELL_VERSION, SHELL_FILES */
const cacheName = `coplive-shell-${SHELL_VERSION}`
const shell = new Set(SHELL_FILES)
const live = ['/api/', '/hubs/', '/yjs', '/metrics', '/health']

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll([...shell].map((file) => new Request(file, { cache: 'reload' })))).then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('coplive-shell-') && name !== cacheName).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin || live.some((path) => url.pathname.startsWith(path))) {
    return
  }
  // A navigation (/, /index.html, /?code=... back from the identity provider) is the shell's index.html.
  const key = request.mode === 'navigate' ? '/index.html' : url.pathname
  if (!shell.has(key)) {
    return
  }
  event.respondWith(networkFirst(request, key))
})

async function networkFirst (request, key) {
  const cache = await caches.open(cacheName)
  try {
    // no-cache: revalidated with the server (a 304 is cheap), never a stale copy from the HTTP cache.
    const response = await fetch(request.url, { cache: 'no-cache', credentials: 'same-origin' })
    if (response.ok && response.type === 'basic') {
      await cache.put(key, response.clone())
    }
    return response
  } catch (error) {
    const kept = await cache.match(key)
    if (kept) {
      return kept
    }
    throw error
  }
}
