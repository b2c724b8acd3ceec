// Sign-in through the configured identity provider: OpenID Connect authorization code flow with PKCE (S256) as a
// public client (no secret in the browser). The verifier, state and nonce wait in sessionStorage (this tab only)
// while the tab is at the provider; the provider sends the tab back to the gateway's root with ?code=&state= (or
// ?error=), where completeSignIn() checks the state, exchanges the code and the verifier at the token endpoint,
// checks the id token's nonce, keeps the access token as the session's token and cleans the address.
// No refresh token is used: when the access token expires the server refuses it and the tab signs out (app.ts).
import { identityOf, session, tokenClaims } from "../session";
import { authConfig, type AuthConfig } from "./config";

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  returnTo: string;
}

const pendingKey = "coplive.oidc.pending";

/** A sign-in that did not complete, in a sentence for the sign-in screen. */
export class SignInProblem extends Error {}

let discovery: Promise<Discovery> | null = null;

function discover(authority: string): Promise<Discovery> {
  discovery ??= fetch(`${authority}/.well-known/openid-configuration`).then(async (response) => {
    if (!response.ok) {
      throw new SignInProblem(`The identity provider's configuration could not be read (${response.status}).`);
    }
    const metadata = (await response.json()) as Discovery;
    if (metadata.issuer.replace(/\/$/, "") !== authority.replace(/\/$/, "") || !metadata.authorization_endpoint || !metadata.token_endpoint) {
      throw new SignInProblem("The identity provider's configuration names another issuer or lacks its endpoints.");
    }
    return metadata;
  });
  discovery.catch(() => (discovery = null));
  return discovery;
}

const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const random = (length: number) => base64Url(crypto.getRandomValues(new Uint8Array(length)));

/** The redirect URI registered at the provider for this gateway: its root. */
export const redirectUri = () => `${location.origin}/`;

/** Sends the tab to the provider's sign-in page. */
export async function beginSignIn(config: AuthConfig): Promise<void> {
  if (!crypto.subtle) {
    throw new SignInProblem("Signing in through the identity provider needs a secure page (HTTPS, or localhost).");
  }
  const provider = await discover(config.authority!);
  const verifier = random(32);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const pending: Pending = { state: random(16), nonce: random(16), verifier, redirectUri: redirectUri(), returnTo: location.hash };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(provider.authorization_endpoint);
  const query = {
    response_type: "code",
    client_id: config.clientId!,
    redirect_uri: pending.redirectUri,
    scope: config.scopes ?? "openid",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  };
  for (const [key, value] of Object.entries(query)) {
    url.searchParams.set(key, value);
  }
  location.assign(url.toString());
}

/**
 * When the address carries the provider's answer (?code= or ?error=), finishes the sign-in and cleans the address.
 * Resolves false when there was nothing to finish; throws a SignInProblem with a sentence when it failed.
 */
export async function completeSignIn(): Promise<boolean> {
  const answer = new URLSearchParams(location.search);
  if (!answer.has("code") && !answer.has("error")) {
    return false;
  }
  const text = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  const pending = text ? (JSON.parse(text) as Pending) : null;
  history.replaceState(null, "", location.pathname + (pending?.returnTo ?? ""));
  if (!pending || answer.get("state") !== pending.state) {
    throw new SignInProblem("That sign-in answer was not for a sign-in started in this tab: sign in again.");
  }
  const config = await authConfig();
  const providerName = config.providerName ?? "the identity provider";
  const error = answer.get("error");
  if (error) {
    const reason = answer.get("error_description") ?? (error === "access_denied" ? "access was denied." : error);
    throw new SignInProblem(`${providerName} did not sign you in: ${reason} (${error})`);
  }
  const provider = await discover(config.authority!);
  const response = await fetch(provider.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: answer.get("code")!,
      redirect_uri: pending.redirectUri,
      client_id: config.clientId!,
      code_verifier: pending.verifier,
    }),
  }).catch(() => {
    throw new SignInProblem(`${providerName} cannot be reached to finish the sign-in: try again.`);
  });
  const tokens = (await response.json().catch(() => ({}))) as { access_token?: string; id_token?: string; error?: string; error_description?: string };
  if (!response.ok || !tokens.access_token) {
    throw new SignInProblem(`${providerName} refused to finish the sign-in: ${tokens.error_description ?? tokens.error ?? response.status}.`);
  }
  const idClaims = tokens.id_token ? tokenClaims(tokens.id_token) : null;
  if (tokens.id_token && idClaims?.nonce !== pending.nonce) {
    throw new SignInProblem("The identity provider's answer does not match this sign-in (nonce): sign in again.");
  }
  const me = identityOf(tokens.access_token, config.nameClaim, config.organizationClaim);
  if (!me) {
    throw new SignInProblem(`The token from ${providerName} does not say who you are and which organization you belong to (claims sub and ${config.organizationClaim}).`);
  }
  const idName = idClaims?.[config.nameClaim];
  if (me.displayName === me.userId && typeof idName === "string") {
    me.displayName = idName;
  }
  session.signIn(tokens.access_token, me, tokens.id_token);
  return true;
}

/** Ends the session at the provider too, when it has an end-session endpoint: the tab leaves and comes back signed out. */
export async function endSessionAtProvider(idToken: string): Promise<boolean> {
  const config = await authConfig().catch(() => null);
  if (config?.mode !== "oidc") {
    return false;
  }
  const provider = await discover(config.authority!).catch(() => null);
  if (!provider?.end_session_endpoint) {
    return false;
  }
  const url = new URL(provider.end_session_endpoint);
  url.searchParams.set("id_token_hint", idToken);
  url.searchParams.set("client_id", config.clientId!);
  url.searchParams.set("post_logout_redirect_uri", redirectUri());
  location.assign(url.toString());
  return true;
}
