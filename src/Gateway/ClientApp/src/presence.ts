// Who is present in a room, as the viewer may see it: named members, and counts per organization (members of
// an organization whose presence policy is "counted" reach other organizations' viewers only as a count).
import type { PresenceSnapshot, PresentMember, RoomEvent } from "./contracts";
import { h, orgBadge } from "./view";
import { organizationName } from "./organizations";

export class Presence {
  readonly members = new Map<string, PresentMember>();
  readonly counts = new Map<string, number>();
  rosterComplete = true;
  large = false;

  reset(snapshot: PresenceSnapshot): void {
    this.members.clear();
    this.counts.clear();
    for (const member of snapshot.members) {
      this.members.set(member.userId, member);
    }
    for (const [organization, count] of Object.entries(snapshot.countsByOrganization)) {
      this.counts.set(organization, count);
    }
    this.rosterComplete = snapshot.rosterComplete;
    this.large = snapshot.large;
  }

  /** Applies the presence events among <paramref name="events"/>; says whether anything changed. */
  apply(events: RoomEvent[]): boolean {
    let changed = false;
    for (const event of events) {
      if (event.type === "member-entered" || event.type === "member-left") {
        this.counts.set(event.organizationId, event.organizationCount);
        if (event.member) {
          if (event.type === "member-entered") {
            this.members.set(event.member.userId, event.member);
          } else {
            this.members.delete(event.member.userId);
          }
        }
        changed = true;
      } else if (event.type === "presence-counts") {
        this.counts.clear();
        for (const [organization, count] of Object.entries(event.countsByOrganization)) {
          this.counts.set(organization, count);
        }
        changed = true;
      }
    }
    return changed;
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) {
      total += count;
    }
    return total;
  }

  /** "Here now": one group per organization, with the names the viewer may see and the count. */
  render(options: { highlight?: (member: PresentMember) => string | null } = {}): HTMLElement {
    const organizations = [...this.counts].filter(([, count]) => count > 0).sort(([a], [b]) => a.localeCompare(b));
    const groups = organizations.map(([organizationId, count]) => {
      const named = [...this.members.values()]
        .filter((member) => member.organizationId === organizationId)
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
      const hidden = count - named.length;
      return h(
        "li",
        { class: "presence-org", "data-org": organizationId },
        h("div", { class: "presence-org-head" }, orgBadge(organizationId, organizationName(organizationId)), h("span", { class: "count", "aria-label": `${count} present from ${organizationName(organizationId)}` }, String(count))),
        h(
          "ul",
          { class: "presence-names" },
          named.map((member) =>
            h("li", { "data-user-id": member.userId }, member.displayName, options.highlight?.(member) ? h("span", { class: "tag" }, options.highlight(member)!) : null),
          ),
          hidden > 0 ? h("li", { class: "muted" }, named.length === 0 ? `${hidden} present (shown as a count)` : `and ${hidden} more`) : null,
        ),
      );
    });
    return h(
      "section",
      { class: "presence card", "aria-labelledby": "presence-title" },
      h("h2", { id: "presence-title" }, "Here now ", h("span", { class: "count", "data-testid": "presence-total" }, String(this.total))),
      groups.length === 0 ? h("p", { class: "muted" }, "Nobody else is here yet.") : h("ul", { class: "presence-list", "aria-live": "polite" }, groups),
      this.rosterComplete ? null : h("p", { class: "muted" }, "A large room: counts per organization, with the first names."),
    );
  }
}
