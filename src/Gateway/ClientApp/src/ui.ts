// What every screen shares: notices (errors and confirmations), running an action with its error shown, and
// navigation.
import { describeError } from "./api";
import { h } from "./view";

/** A screen owns its element and cleans up (leaves rooms, drops listeners) when the app moves on. */
export interface Screen {
  element: HTMLElement;
  title: string;
  dispose?(): void;
}

let noticeRegion: HTMLElement | null = null;

export function setNoticeRegion(region: HTMLElement): void {
  noticeRegion = region;
}

export function notify(message: string, kind: "error" | "info" = "info"): void {
  if (!noticeRegion) {
    return;
  }
  const close = h("button", { type: "button", class: "ghost", "aria-label": "Dismiss" }, "×");
  const notice = h("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, h("span", null, message), close);
  close.addEventListener("click", () => notice.remove());
  noticeRegion.append(notice);
  setTimeout(() => notice.remove(), kind === "error" ? 12000 : 5000);
}

/** Runs a user's action; a failure is shown with the server's sentence. Buttons stay disabled while it runs. */
export async function run(action: () => Promise<unknown>, busy?: HTMLButtonElement | null): Promise<void> {
  if (busy) {
    busy.disabled = true;
  }
  try {
    await action();
  } catch (error) {
    const { code, message } = describeError(error);
    notify(code === "error" || code === "offline" ? message : `${message} (${code})`, "error");
  } finally {
    if (busy) {
      busy.disabled = false;
    }
  }
}

/** Handles a form's submit with run(), its submit button busy meanwhile. */
export function onSubmit(form: HTMLFormElement, action: (form: HTMLFormElement) => Promise<unknown>): HTMLFormElement {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run(() => action(form), form.querySelector<HTMLButtonElement>("button[type=submit]"));
  });
  return form;
}

export function navigate(hash: string): void {
  if (location.hash === hash) {
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    location.hash = hash;
  }
}

export const routes = {
  communities: "#/communities",
  community: (id: string) => `#/communities/${encodeURIComponent(id)}`,
  meetup: (id: string) => `#/meetups/${encodeURIComponent(id)}`,
};
