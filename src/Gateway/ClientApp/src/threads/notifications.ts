// The member's notifications (mentions, posts in followed threads): a badge with the unread count in the top
// bar and a list under it. They arrive live in the personal room "member:{userId}" (notification-received).
import { get, post } from "../api";
import type { RoomEvent } from "../contracts";
import { live } from "../live";
import type { Me } from "../session";
import { formatTime, h, listOr, mount } from "../view";
import { run } from "../ui";
import { threadRoute, type Notification } from "./contracts";

const items = new Map<string, Notification>();
const count = h("span", { class: "badge", "data-testid": "unread-count", hidden: true });
const panel = h("div", { class: "notification-panel card", hidden: true, role: "region", "aria-label": "Notifications" });
const button = h("button", { type: "button", class: "ghost bell", "aria-expanded": "false", "aria-label": "Notifications" }, "🔔", count);
let userId: string | null = null;

export const notificationBell = h("span", { class: "notifications", hidden: true }, button, panel);

function sorted(): Notification[] {
  return [...items.values()].sort((a, b) => b.at.localeCompare(a.at));
}

function render(): void {
  const unread = sorted().filter((n) => !n.read).length;
  count.hidden = unread === 0;
  count.textContent = String(unread);
  button.setAttribute("aria-label", `Notifications: ${unread} unread`);
  mount(
    panel,
    h("div", { class: "section-head" }, h("h2", null, "Notifications"), unread > 0 ? h("button", { type: "button", class: "ghost", onclick: () => void run(markAllRead) }, "Mark all read") : null),
    listOr(sorted().slice(0, 30), "Nothing new.", { class: "notification-list" }, (n) =>
      h(
        "li",
        { class: n.read ? "read" : "unread", "data-notification-id": n.id },
        h("a", { href: threadRoute(n.threadId), onclick: () => void run(() => markRead([n.id])) }, n.kind === "mention" ? `${n.authorName} mentioned you in ${n.threadTitle}` : `${n.authorName} posted in ${n.threadTitle}`),
        h("p", { class: "snippet" }, n.excerpt),
        h("small", { class: "muted" }, formatTime(n.at)),
      ),
    ),
  );
}

async function markRead(ids: string[]): Promise<void> {
  await post("/api/notifications/read", { ids });
  ids.forEach((id) => items.has(id) && items.set(id, { ...items.get(id)!, read: true }));
  render();
}

async function markAllRead(): Promise<void> {
  await post("/api/notifications/read", {});
  items.forEach((n, id) => items.set(id, { ...n, read: true }));
  render();
}

async function reload(): Promise<void> {
  const list = await get<Notification[]>("/api/notifications");
  items.clear();
  list.forEach((n) => items.set(n.id, n));
  render();
}

button.addEventListener("click", () => {
  panel.hidden = !panel.hidden;
  button.setAttribute("aria-expanded", String(!panel.hidden));
});

/** Follows the signed-in member's personal room (once per member); null when signed out. */
export function followNotifications(me: Me | null): void {
  notificationBell.hidden = !me;
  if (me?.userId === userId) {
    return;
  }
  if (userId) {
    void live.leave(`member:${userId}`);
  }
  items.clear();
  render();
  userId = me?.userId ?? null;
  if (!me) {
    return;
  }
  void run(async () => {
    await live.enter(`member:${me.userId}`, {
      // A fresh start (entering, or a gap the room could not replay): read the stored list again.
      snapshot: () => void run(reload),
      events: (events: RoomEvent[]) => {
        for (const event of events as unknown as Array<{ type: string; notification?: Notification }>) {
          if (event.type === "notification-received" && event.notification) {
            items.set(event.notification.id, event.notification);
          }
        }
        render();
      },
      revoked: () => {},
    });
  });
}
