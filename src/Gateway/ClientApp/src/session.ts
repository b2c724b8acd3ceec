// Who is signed in. Each tab keeps its own sign-in (sessionStorage), so two tabs can be two members of two
// organizations.

export interface Me { userId: string; displayName: string; organizationId: string }

const tokenKey = "coplive.token";
const meKey = "coplive.me";

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(tokenKey);
  },
  get me(): Me | null {
    const text = sessionStorage.getItem(meKey);
    return text ? (JSON.parse(text) as Me) : null;
  },
  signIn(token: string, me: Me): void {
    sessionStorage.setItem(tokenKey, token);
    sessionStorage.setItem(meKey, JSON.stringify(me));
  },
  signOut(): void {
    sessionStorage.removeItem(tokenKey);
    sessionStorage.removeItem(meKey);
  },
};

/** Reads the identity claims (sub, name, org) of a token that an identity provider issued. */
export function identityOf(token: string): Me | null {
  try {
    const payload = token.split(".")[1];
    if (!payload) {
      return null;
    }
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    const { sub, name, org } = claims;
    return typeof sub === "string" && typeof org === "string" ? { userId: sub, displayName: typeof name === "string" ? name : sub, organizationId: org } : null;
  } catch {
    return null;
  }
}
