// Who is signed in. Each tab keeps its own sign-in (sessionStorage), so two tabs can be two members of two
// organizations.

export interface Me { userId: string; displayName: string; organizationId: string }

const tokenKey = "coplive.token";
const meKey = "coplive.me";
const idTokenKey = "coplive.idToken";

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(tokenKey);
  },
  get me(): Me | null {
    const text = sessionStorage.getItem(meKey);
    return text ? (JSON.parse(text) as Me) : null;
  },
  /** The identity provider's id token, when the sign-in went through it (for ending the session there). */
  get idToken(): string | null {
    return sessionStorage.getItem(idTokenKey);
  },
  signIn(token: string, me: Me, idToken?: string): void {
    sessionStorage.setItem(tokenKey, token);
    sessionStorage.setItem(meKey, JSON.stringify(me));
    if (idToken) {
      sessionStorage.setItem(idTokenKey, idToken);
    } else {
      sessionStorage.removeItem(idTokenKey);
    }
  },
  signOut(): void {
    sessionStorage.removeItem(tokenKey);
    sessionStorage.removeItem(meKey);
    sessionStorage.removeItem(idTokenKey);
  },
};

/** Reads the identity claims (sub, name, org, or the names the server configures) of a token an identity provider issued. */
export function identityOf(token: string, nameClaim = "name", organizationClaim = "org"): Me | null {
  const claims = tokenClaims(token);
  if (!claims) {
    return null;
  }
  const { sub } = claims;
  const name = claims[nameClaim];
  const org = claims[organizationClaim];
  return typeof sub === "string" && typeof org === "string" ? { userId: sub, displayName: typeof name === "string" ? name : sub, organizationId: org } : null;
}

/** The claims of a JWT (its payload: base64url of UTF-8 JSON), unverified: the server verifies. */
export function tokenClaims(token: string): Record<string, unknown> | null {
  try {
    const payload = token.split(".")[1];
    if (!payload) {
      return null;
    }
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return null;
  }
}
