// The CoPLive web app: the shell (header, connection state, notices) and a hash router over the screens.
import "./app.css";
import { whenUnauthorized } from "./api";
import { live, type ConnectionState } from "./live";
import { session } from "./session";
import { completeSignIn, endSessionAtProvider, SignInProblem } from "./auth/oidc";
import { forgetLocalCopies } from "./documents/local-copies";
import { h, mount, orgBadge } from "./view";
import { navigate, notify, routes, run, setNoticeRegion, type Screen } from "./ui";
import { communitiesScreen } from "./screens/communities";
import { communityScreen } from "./screens/community";
import { meetupScreen } from "./screens/meetup";
import { signInScreen } from "./screens/signin";
import { analyticsScreen } from "./analytics/screen";
import "./threads/section";
import { followNotifications, notificationBell } from "./threads/notifications";
import { threadScreen } from "./threads/thread";
import "./documents/section";
import "./documents/meetup-panels";
import "./documents/documents.css"; // in app.css: the document page and the meetup room's panels load as chunks

const stateText: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  online: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

const status = h("span", { class: "connection", role: "status", "data-state": "connecting", "data-testid": "connection" });
const who = h("span", { class: "who" });
const signOut = h("button", { type: "button", class: "ghost", hidden: true }, "Sign out");
const banner = h("div", { class: "offline-banner", role: "alert", hidden: true, "data-testid": "offline-banner" });
const notices = h("div", { class: "notices", "aria-live": "polite" });
const main = h("main", { id: "main", tabindex: "-1" });
let screen: Screen | null = null;
/** Why the last sign-in through the provider did not complete (shown once on the sign-in screen). */
let signInProblem: string | undefined;

setNoticeRegion(notices);

live.onState((state) => {
  status.textContent = stateText[state];
  status.dataset.state = state;
  const down = state === "offline" || state === "reconnecting";
  banner.hidden = !down || !session.token;
  banner.textContent =
    state === "offline"
      ? "You are offline. CoPLive reconnects and catches up as soon as the network is back."
      : "Connection lost: reconnecting… What you missed will be replayed.";
});

function renderWho(): void {
  const me = session.me;
  signOut.hidden = !me;
  mount(who, me ? [h("span", { class: "name" }, me.displayName), " ", orgBadge(me.organizationId)] : []);
}

function route(): void {
  screen?.dispose?.();
  screen = null;
  renderWho();
  if (!session.token) {
    followNotifications(null);
    show(signInScreen(() => {
      renderWho();
      void run(() => live.ensureConnected());
      navigate(routes.communities);
    }, signInProblem));
    signInProblem = undefined;
    return;
  }
  // The personal room (notifications) once the hub is connected; a refused token signs out before that.
  void run(() => live.ensureConnected().then(() => followNotifications(session.token ? session.me : null)));
  const [kind, id, part] = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  if (kind === "communities" && id && part === "analytics") {
    show(analyticsScreen(id));
  } else if (kind === "communities" && id) {
    show(communityScreen(id));
  } else if (kind === "meetups" && id) {
    show(meetupScreen(id));
  } else if (kind === "threads" && id) {
    show(threadScreen(id));
  } else if (kind === "documents" && id) {
    show(lazyScreen("Document", () => import("./documents/document").then((m) => m.documentScreen(id))));
  } else {
    show(communitiesScreen());
  }
}

/** A screen whose code is a chunk of its own (the document editor: CodeMirror and Yjs), loaded when first shown. */
function lazyScreen(title: string, load: () => Promise<Screen>): Screen {
  const element = h("div", { class: "lazy-screen" }, h("p", { class: "muted", role: "status" }, "Loading…"));
  let loaded: Screen | null = null;
  let disposed = false;
  void run(async () => {
    const next = await load().catch(() => {
      throw new Error("This page could not be loaded: check your connection and reload.");
    });
    if (disposed) {
      next.dispose?.();
      return;
    }
    loaded = next;
    element.replaceChildren(next.element);
    document.title = `${next.title} · CoPLive`;
  });
  return {
    element,
    title,
    dispose() {
      disposed = true;
      loaded?.dispose?.();
    },
  };
}

function show(next: Screen): void {
  screen = next;
  document.title = `${next.title} · CoPLive`;
  mount(main, next.element);
  main.focus({ preventScroll: true });
}

// Signing out closes the screen (and the documents it holds open), forgets this person's copies of documents on
// this device, and ends the session at the identity provider when the sign-in went through one.
signOut.addEventListener("click", () =>
  void run(async () => {
    const me = session.me;
    const idToken = session.idToken;
    screen?.dispose?.();
    screen = null;
    await live.stop();
    session.signOut();
    if (me) {
      await forgetLocalCopies(me.userId);
    }
    if (idToken && (await endSessionAtProvider(idToken))) {
      return;
    }
    navigate(routes.communities);
  }),
);

const expired = () => {
  if (!session.token) {
    return;
  }
  session.signOut();
  notify("Your sign-in has expired: sign in again.", "error");
  void live.stop().then(route);
};
whenUnauthorized(expired);
live.whenUnauthorized(expired);

document.body.replaceChildren(
  h("a", { class: "skip", href: "#main", onclick: (e: Event) => (e.preventDefault(), main.focus()) }, "Skip to content"),
  h("header", { class: "topbar" }, h("a", { class: "brand", href: routes.communities }, "CoPLive"), h("span", { class: "spacer" }), who, notificationBell, status, signOut),
  banner,
  main,
  notices,
);
window.addEventListener("hashchange", route);

/** The provider's answer, when the tab comes back from it, is handled before the first screen. */
async function start(): Promise<void> {
  try {
    if (await completeSignIn()) {
      renderWho();
      navigate(location.hash || routes.communities);
      return;
    }
  } catch (error) {
    signInProblem = error instanceof SignInProblem ? error.message : "The sign-in did not complete: try again.";
  }
  route();
}
void start();

// The service worker keeps the app shell for a reload while offline (service-worker.js); the app works without it.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch((error: unknown) => console.warn("CoPLive works without offline reload: the service worker did not register.", error));
}
