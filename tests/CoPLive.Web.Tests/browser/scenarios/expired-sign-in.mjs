// A sign-in the server no longer accepts (an expired or foreign token) leads back to the sign-in screen with a
// sentence that says why, instead of a page that silently shows nothing.
import { scenario, signIn, visible } from '../lib.mjs'

await scenario('expired-sign-in', async (run) => {
  const erin = await signIn(run, 'Erin', 'tailspin')
  await erin.page.evaluate(() => sessionStorage.setItem('coplive.token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlcmluIn0.bm90LXNpZ25lZA'))
  await erin.page.reload()
  await visible(erin.page.getByRole('heading', { name: 'Sign in to CoPLive' }), 'Erin is back at the sign-in screen')
  await visible(erin.page.getByText('Your sign-in has expired: sign in again.'), 'Erin is told her sign-in expired')
})
