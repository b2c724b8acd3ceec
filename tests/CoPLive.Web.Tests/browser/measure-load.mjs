// Measures (does not test) how fast the web app comes up in Debian's Chromium against a running gateway:
// the bundle's size, the time from navigation to the sign-in screen, and from "Sign in" to the communities
// list with a live hub connection. Run by hand: COPLIVE_URL=http://127.0.0.1:5080 node measure-load.mjs [runs]
// (bounded: 10 runs by default, loopback only).
import { chromium } from 'playwright-core'
import { gzipSync } from 'node:zlib'

const url = process.env.COPLIVE_URL ?? 'http://127.0.0.1:5080'
const runs = Math.min(Number(process.argv[2] ?? 10), 50)

for (const file of ['app.js', 'app.css']) {
  const body = Buffer.from(await (await fetch(`${url}/${file}`)).arrayBuffer())
  console.log(`${file}: ${(body.length / 1024).toFixed(1)} KiB, ${(gzipSync(body).length / 1024).toFixed(1)} KiB gzipped`)
}

const browser = await chromium.launch({ executablePath: process.env.COPLIVE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] })
const toSignIn = []
const toLive = []
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext()
  const page = await context.newPage()
  let start = performance.now()
  await page.goto(url)
  await page.getByRole('heading', { name: 'Sign in to CoPLive' }).waitFor()
  toSignIn.push(performance.now() - start)
  await page.getByLabel('Display name').fill(`Measure ${i}`)
  await page.getByLabel('Organization', { exact: true }).fill('measure')
  start = performance.now()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.locator('[data-testid=connection][data-state=online]').waitFor()
  await page.getByRole('heading', { name: 'Communities', exact: true }).waitFor()
  toLive.push(performance.now() - start)
  await context.close()
}
await browser.close()

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const max = (values) => Math.max(...values)
console.log(`${runs} cold contexts: navigation to sign-in screen median ${median(toSignIn).toFixed(0)} ms (max ${max(toSignIn).toFixed(0)} ms); sign-in to live communities list median ${median(toLive).toFixed(0)} ms (max ${max(toLive).toFixed(0)} ms)`)
