// Production sign-in through a real OpenID Connect provider (TestIdentityProvider: authorization code with PKCE).
// Bob first denies at the provider: the sign-in screen says so in a sentence. Alice (Northwind) and Bob (Contoso)
// then sign in through the provider's page; the app shows their names from the tokens and cleans the code from
// the address; Alice creates a community and admits Contoso, Bob joins, and each sees the other here now.
// Alice signs out: the session ends at the provider too and she is back at the sign-in screen.
import { admit, createCommunity, join, presenceOf, scenario, signInThroughProvider, snapshot, unique, visible } from '../lib.mjs'

await scenario('provider-sign-in', async (run) => {
  // Bob is on a phone-sized screen.
  const bob = await signInThroughProvider(run, 'Bob Ode', 'bob-ode', 'contoso', { decision: 'deny', viewport: { width: 390, height: 844 } })
  await visible(bob.page.getByTestId('signin-problem').getByText('access_denied'), 'Bob is told the provider did not sign him in (access_denied)')
  await snapshot(bob, 'provider-sign-in-denied-390')

  const alice = await signInThroughProvider(run, 'Alice Ng', 'alice-ng', 'northwind')
  const address = new URL(alice.page.url())
  if (address.search !== '' || address.pathname !== '/') {
    throw new Error(`The provider's answer stayed in Alice's address: ${address}`)
  }
  await visible(alice.page.locator('.who .name', { hasText: 'Alice Ng' }), 'Alice sees her name from the provider\'s token in the top bar')
  await signInThroughProvider(run, 'Bob Ode', 'bob-ode', 'contoso', { person: bob })
  await snapshot(bob, 'provider-sign-in-communities-390')

  const name = unique('Tailings dams')
  const id = await createCommunity(alice, name, 'geotechnics')
  await admit(alice, 'contoso')
  await join(bob, id, name)
  await visible(presenceOf(alice, bob), 'Alice sees Bob of Contoso arrive')
  await visible(presenceOf(bob, alice), 'Bob sees Alice of Northwind here')

  const providerOrigin = new URL(await alice.page.evaluate(async () => (await (await fetch('/api/auth/config')).json()).authority)).origin
  let endedAtProvider = false
  alice.page.on('request', (request) => {
    const url = new URL(request.url())
    if (request.isNavigationRequest() && url.origin === providerOrigin && url.pathname === '/logout' && url.searchParams.get('id_token_hint')) endedAtProvider = true
  })
  await alice.page.getByRole('button', { name: 'Sign out' }).click()
  await visible(alice.page.getByRole('heading', { name: 'Sign in to CoPLive' }), 'Alice is back at the sign-in screen after signing out')
  await visible(alice.page.getByRole('button', { name: 'Sign in with Test provider' }), 'Alice is offered the provider again')
  if (!endedAtProvider) {
    throw new Error('Signing out did not go to the provider\'s end-session endpoint with the id token')
  }
  const token = await alice.page.evaluate(() => sessionStorage.getItem('coplive.token'))
  if (token) {
    throw new Error('Alice\'s token is still in the tab after signing out')
  }
})
