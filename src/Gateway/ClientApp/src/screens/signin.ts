// Sign-in, as GET /api/auth/config says: "oidc", a button that goes to the identity provider (auth/oidc.ts);
// "dev", a display name and an organization exchanged for a token at POST /api/dev/token; "token", an access
// token from the provider pasted in. A token can be pasted in every mode ("Have a token?").
import { ApiError, post } from "../api";
import { authConfig, type AuthConfig } from "../auth/config";
import { beginSignIn } from "../auth/oidc";
import { identityOf, session } from "../session";
import { field, formValues, h } from "../view";
import { notify, onSubmit, run, type Screen } from "../ui";

/** <paramref name="problem"/>: why the last sign-in did not complete, shown at the top. */
export function signInScreen(signedIn: () => void, problem?: string): Screen {
  let config: AuthConfig | null = null;
  const devForm = onSubmit(
    h(
      "form",
      { class: "stack", "aria-labelledby": "signin-title" },
      field("Display name", h("input", { name: "displayName", required: true, maxlength: 200, autocomplete: "name", autofocus: true })),
      field(
        "Organization",
        h("input", { name: "organizationId", required: true, pattern: "[a-z0-9\\-]{1,64}", placeholder: "northwind", autocomplete: "organization", autocapitalize: "none" }),
        "Your organization's id: lowercase letters, digits and dashes.",
      ),
      h("button", { type: "submit", class: "primary" }, "Sign in"),
    ),
    async (form) => {
      const { displayName, organizationId } = formValues(form);
      const userId = `${slug(displayName!)}-${Math.random().toString(36).slice(2, 8)}`;
      try {
        const { token } = await post<{ token: string }>("/api/dev/token", { userId, displayName, organizationId });
        session.signIn(token, { userId, displayName: displayName!, organizationId: organizationId! });
        signedIn();
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && error.code === "not-found") {
          devSection.hidden = true;
          tokenSection.hidden = false;
          notify("This server signs in through its identity provider: paste the token it gave you.", "info");
          return;
        }
        throw error;
      }
    },
  );

  const tokenForm = onSubmit(
    h(
      "form",
      { class: "stack" },
      field("Access token", h("textarea", { name: "token", required: true, rows: 4, spellcheck: "false" }), "A JWT from your identity provider, with sub, name and org claims."),
      h("button", { type: "submit", class: "primary" }, "Use token"),
    ),
    async (form) => {
      const token = formValues(form).token!;
      const me = identityOf(token, config?.nameClaim, config?.organizationClaim);
      if (!me) {
        throw new ApiError("invalid-request", "That is not a token with sub, name and org claims.", 400);
      }
      session.signIn(token, me);
      signedIn();
    },
  );

  const devSection = h("div", { hidden: true }, h("p", { class: "muted" }, "Development sign-in: no password; pick a name and your organization."), devForm);
  const tokenSection = h("div", { hidden: true }, tokenForm);
  const providerButton = h("button", { type: "button", class: "primary" }, "Sign in");
  providerButton.addEventListener("click", () => void run(() => beginSignIn(config!), providerButton));
  const providerSection = h("div", { class: "stack", hidden: true }, providerButton);
  const problemLine = h("p", { class: "signin-problem", role: "alert", hidden: !problem, "data-testid": "signin-problem" }, problem ?? "");
  void authConfig().then(
    (c) => {
      config = c;
      if (c.mode === "oidc") {
        providerButton.textContent = `Sign in with ${c.providerName ?? "your identity provider"}`;
        providerSection.hidden = false;
      } else {
        (c.mode === "dev" ? devSection : tokenSection).hidden = false;
        if (c.mode === "dev" && document.activeElement === document.body) {
          devForm.querySelector("input")?.focus();
        }
      }
    },
    () => {
      devSection.hidden = false;
      problemLine.hidden = false;
      problemLine.textContent = "The server cannot be reached to say how to sign in; check your connection.";
    },
  );
  const element = h(
    "section",
    { class: "card narrow signin" },
    h("h1", { id: "signin-title" }, "Sign in to CoPLive"),
    h("p", null, "Meet practitioners from other organizations: live meetups, shared documents, threads, and who is here now."),
    problemLine,
    providerSection,
    devSection,
    tokenSection,
    h(
      "details",
      null,
      h("summary", null, "Have a token?"),
      h("button", { type: "button", class: "link", onclick: () => ((devSection.hidden = true), (providerSection.hidden = true), (tokenSection.hidden = false)) }, "Sign in with an access token"),
    ),
  );
  return { element, title: "Sign in" };
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "member"
  );
}
