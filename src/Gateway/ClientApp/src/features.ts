// Extension points for the features that arrive on other branches (threads, documents, whiteboards): a
// feature registers a section for the community's home or a panel for a meetup's linked documents. Until one
// registers, the built-in placeholders below call the routes DESIGN.md names and say plainly when the server
// does not have them yet.
import { ApiError, get } from "./api";
import type { Community, Meetup } from "./contracts";
import { h } from "./view";

export interface CommunitySection {
  /** "threads", "documents", ...: one section per id; a later registration replaces the placeholder. */
  id: string;
  title: string;
  render(community: Community): HTMLElement | Promise<HTMLElement>;
}

export interface MeetupPanel {
  /** The link role it shows ("whiteboard", "notes"). */
  role: string;
  /** <paramref name="closed"/> aborts when the room replaces or leaves the panel: close what it opened then. */
  render(meetup: Meetup, documentId: string, closed?: AbortSignal): HTMLElement | Promise<HTMLElement>;
}

const sections = new Map<string, CommunitySection>();
const panels = new Map<string, MeetupPanel>();

export function registerCommunitySection(section: CommunitySection): void {
  sections.set(section.id, section);
}

export function registerMeetupPanel(panel: MeetupPanel): void {
  panels.set(panel.role, panel);
}

export function communitySections(): CommunitySection[] {
  return [...sections.values()];
}

export function meetupPanel(role: string): MeetupPanel {
  return panels.get(role) ?? placeholderPanel(role);
}

/** A list of the community's items from GET /api/communities/{id}/{kind}, or a note that the feature is not here yet. */
function placeholderSection(id: string, title: string, noun: string): CommunitySection {
  return {
    id,
    title,
    async render(community) {
      const body = h("div", { class: "feature-body" });
      try {
        const items = await get<Array<{ id: string; title?: string; kind?: string }>>(`/api/communities/${encodeURIComponent(community.id)}/${id}`);
        body.append(
          items.length === 0
            ? h("p", { class: "muted" }, `No ${noun} yet.`)
            : h("ul", { class: "plain-list" }, items.map((item) => h("li", { "data-id": item.id }, item.title ?? item.id, item.kind ? h("span", { class: "tag" }, item.kind) : null))),
        );
      } catch (error) {
        body.append(
          h("p", { class: "muted" }, error instanceof ApiError && error.status === 404 ? `${title} are not available on this server yet.` : `${title} could not be loaded.`),
        );
      }
      return h("section", { class: "card feature", "data-feature": id, "aria-labelledby": `feature-${id}` }, h("h2", { id: `feature-${id}` }, title), body);
    },
  };
}

function placeholderPanel(role: string): MeetupPanel {
  return {
    role,
    render(_meetup, documentId) {
      return h(
        "section",
        { class: "card feature", "data-panel": role },
        h("h2", null, role === "whiteboard" ? "Whiteboard" : role === "notes" ? "Notes" : role),
        h("p", { class: "muted" }, `Linked document ${documentId}. Its editor opens here once documents are available on this server.`),
      );
    },
  };
}

registerCommunitySection(placeholderSection("threads", "Threads", "threads"));
registerCommunitySection(placeholderSection("documents", "Documents", "documents"));
