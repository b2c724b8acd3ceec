// How this server signs people in (GET /api/auth/config): "oidc" (redirect to the identity provider), "dev"
// (development sign-in) or "token" (a pasted access token).

export interface AuthConfig {
  mode: "oidc" | "dev" | "token";
  authority: string | null;
  clientId: string | null;
  scopes: string | null;
  providerName: string | null;
  nameClaim: string;
  organizationClaim: string;
}

let config: Promise<AuthConfig> | null = null;

/** The server's sign-in configuration, read once per page (again after a failed read). */
export function authConfig(): Promise<AuthConfig> {
  config ??= fetch("/api/auth/config").then(async (response) => {
    if (!response.ok) {
      throw new Error(`The server did not say how to sign in (${response.status}).`);
    }
    return (await response.json()) as AuthConfig;
  });
  config.catch(() => (config = null));
  return config;
}
