// What every browser scenario shares: Debian's Chromium through playwright-core, people signed in through the
// web app's own sign-in screen (one browser context each), waits that name what did not happen, and
// screenshots of every page under COPLIVE_ARTIFACTS when a scenario fails.
//
// Environment: COPLIVE_URL (the gateway), COPLIVE_ARTIFACTS (folder for screenshots), COPLIVE_CHROMIUM (default
// /usr/bin/chromium), COPLIVE_SCREENSHOTS=always to keep screenshots of passing runs too.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import path from 'node:path'

export const timeout = 20_000

/** Runs a scenario: exits 0 when it passes, 1 (after screenshots) when it fails. */
export async function scenario (name, body) {
  const url = process.env.COPLIVE_URL
  if (!url) {
    console.error('COPLIVE_URL is not set')
    process.exit(2)
  }
  const artifacts = process.env.COPLIVE_ARTIFACTS ?? path.resolve('artifacts')
  const browser = await chromium.launch({
    executablePath: process.env.COPLIVE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage']
  })
  const run = { browser, url, people: [], log: (line) => console.log(line) }
  let failed = null
  try {
    await body(run)
  } catch (error) {
    failed = error
  }
  if (failed || process.env.COPLIVE_SCREENSHOTS === 'always') {
    mkdirSync(artifacts, { recursive: true })
    for (const person of run.people) {
      if (person.page.isClosed()) continue
      const file = path.join(artifacts, `${name}-${person.name.toLowerCase()}.png`)
      await person.page.screenshot({ path: file, fullPage: true }).then(() => console.log(`screenshot: ${file}`), () => {})
    }
  }
  await browser.close()
  if (failed) {
    console.error(`FAILED ${name}: ${failed.stack ?? failed}`)
    process.exit(1)
  }
  console.log(`passed ${name}`)
}

/** Waits for what <paramref name="wait"/> waits for; the error says in words what did not happen. */
export async function until (what, wait, within = timeout) {
  try {
    return await wait(within)
  } catch (error) {
    throw new Error(`Within ${within / 1000} s, this did not happen: ${what}\n  (${String(error.message ?? error).split('\n')[0]})`)
  }
}

export const visible = (locator, what) => until(what, (t) => locator.waitFor({ state: 'visible', timeout: t }))
export const gone = (locator, what) => until(what, (t) => locator.waitFor({ state: 'detached', timeout: t }))
export const hidden = (locator, what) => until(what, (t) => locator.waitFor({ state: 'hidden', timeout: t }))

export const unique = (text) => `${text} ${Math.random().toString(36).slice(2, 7)}`

/** A person in their own browser context, on the app's first page; page errors go to the log. */
async function newPerson (run, name, organizationId, viewport, hasTouch = false) {
  const context = await run.browser.newContext({ viewport: viewport ?? { width: 1280, height: 900 }, hasTouch })
  const page = await context.newPage()
  const person = { name, organizationId, context, page }
  run.people.push(person)
  page.on('pageerror', (error) => run.log(`[${name}] page error: ${error.message}`))
  page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && run.log(`[${name}] console error: ${message.text()}`))
  await page.goto(run.url)
  return person
}

/** A person of an organization in their own browser context, signed in through the sign-in screen. */
export async function signIn (run, name, organizationId, options = {}) {
  const person = await newPerson(run, name, organizationId, options.viewport, options.hasTouch)
  const { page } = person
  await page.getByLabel('Display name').fill(name)
  await page.getByLabel('Organization', { exact: true }).fill(organizationId)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await visible(page.getByRole('heading', { name: 'Communities', exact: true }), `${name} sees the communities after signing in`)
  await visible(page.locator('[data-testid=connection][data-state=online]'), `${name}'s connection to the hub is live`)
  return person
}

/** A REST call made by the person's page with their own token (sessionStorage), as the web app makes it. */
export async function rest (person, method, path, body) {
  const result = await person.page.evaluate(async ({ method, path, body }) => {
    const response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${sessionStorage.getItem('coplive.token')}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    return { status: response.status, data: await response.json().catch(() => null) }
  }, { method, path, body })
  if (result.status >= 300) {
    throw new Error(`${person.name}: ${method} ${path} answered ${result.status} ${JSON.stringify(result.data)}`)
  }
  return result.data
}

/** Creates a community through the form; returns its id (from the address of its home). */
export async function createCommunity (person, name, domain) {
  const { page } = person
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Domain', { exact: true }).fill(domain)
  await page.getByRole('button', { name: 'Create community' }).click()
  await visible(page.getByRole('heading', { name, level: 1 }), `${person.name} lands on the new community ${name}`)
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2])
}

/** A coordinator admits an organization from the community's coordination panel. */
export async function admit (person, organizationId, presence = 'named') {
  const { page } = person
  await page.getByLabel('Organization id').fill(organizationId)
  await page.getByLabel('Its members are').selectOption(presence)
  await page.getByRole('button', { name: 'Admit', exact: true }).click()
  await visible(page.locator(`.admin li[data-org="${organizationId}"]`), `${person.name} sees ${organizationId} among the admitted organizations`)
}

/** Finds the community in the list (reloading it) and joins; lands on its home. */
export async function join (person, communityId, communityName) {
  const { page } = person
  await page.goto(`${new URL(page.url()).origin}/#/communities`)
  await page.reload()
  const card = page.locator(`[data-community-id="${communityId}"]`)
  await visible(card, `${person.name} discovers ${communityName}`)
  await card.getByRole('button', { name: 'Join' }).click()
  await visible(page.getByRole('heading', { name: communityName, level: 1 }), `${person.name} lands on ${communityName} after joining`)
}

/** Opens a community's home from the list. */
export async function openCommunity (person, communityId, communityName) {
  const { page } = person
  await page.goto(`${new URL(page.url()).origin}/#/communities/${communityId}`)
  await visible(page.getByRole('heading', { name: communityName, level: 1 }), `${person.name} opens ${communityName}`)
}

/** The "Here now" entry for a person as <paramref name="viewer"/> sees it. */
export const presenceOf = (viewer, other) =>
  viewer.page.locator(`.presence [data-org="${other.organizationId}"] li`, { hasText: other.name })

/** Plans a meetup from the community's home; returns its id. */
export async function planMeetup (person, title, audience = []) {
  const { page } = person
  await page.getByLabel('Title', { exact: true }).fill(title)
  for (const organizationId of audience) {
    await page.locator(`input[name=audience][value="${organizationId}"]`).check()
  }
  await page.getByRole('button', { name: 'Plan meetup' }).click()
  const link = page.getByRole('link', { name: title })
  await visible(link, `${person.name} sees the planned meetup ${title} in the list`)
  return decodeURIComponent((await link.getAttribute('href')).split('/')[2])
}

/**
 * A person signed in through the identity provider (production sign-in): the app's "Sign in with ..." button, the
 * provider's own page (user, name, organization), back to the app. <paramref name="decision"/> 'deny' refuses
 * at the provider instead and returns on the sign-in screen.
 */
export async function signInThroughProvider (run, name, user, organizationId, { person, decision = 'allow', viewport } = {}) {
  person ??= await newPerson(run, name, organizationId, viewport)
  const { page } = person
  await page.getByRole('button', { name: /^Sign in with / }).click()
  await visible(page.getByRole('heading', { name: 'Test provider sign-in' }), `${name} reaches the identity provider's sign-in page`)
  if (decision === 'deny') {
    await page.getByRole('button', { name: 'Deny' }).click()
    await visible(page.getByRole('heading', { name: 'Sign in to CoPLive' }), `${name} is back at CoPLive's sign-in screen after denying`)
    return person
  }
  await page.getByLabel('User').fill(user)
  await page.getByLabel('Full name').fill(name)
  await page.getByLabel('Organization').fill(organizationId)
  await page.getByRole('button', { name: 'Allow' }).click()
  await visible(page.getByRole('heading', { name: 'Communities', exact: true }), `${name} sees the communities after signing in through the provider`)
  await visible(page.locator('[data-testid=connection][data-state=online]'), `${name}'s connection to the hub is live`)
  return person
}

/** With COPLIVE_SCREENSHOTS=always, a screenshot of this moment (for looking at a screen mid-scenario). */
export async function snapshot (person, label) {
  if (process.env.COPLIVE_SCREENSHOTS !== 'always') return
  const artifacts = process.env.COPLIVE_ARTIFACTS ?? path.resolve('artifacts')
  mkdirSync(artifacts, { recursive: true })
  await person.page.screenshot({ path: path.join(artifacts, `${label}.png`), fullPage: true })
}
