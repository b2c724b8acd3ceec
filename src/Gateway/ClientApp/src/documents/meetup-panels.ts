// The meetup room's panels for its linked documents: the whiteboard and the notes, each open live in the room
// (live-document.ts). Whoever may not write (a guest, or the audience of a stage-only document) gets them
// read-only; in a meetup the host and the speakers present the whiteboard's viewport.
import { ApiError, get } from "../api";
import type { Meetup } from "../contracts";
import { registerMeetupPanel } from "../features";
import { session } from "../session";
import { h, mount } from "../view";
import { documentRoute, type DocumentDetails } from "./contracts";

const titles: Record<string, string> = { whiteboard: "Whiteboard", notes: "Notes" };

function panel(role: string) {
  return async (meetup: Meetup, documentId: string, closed?: AbortSignal): Promise<HTMLElement> => {
    const heading = h("h2", { id: `panel-${role}-title` }, titles[role] ?? role);
    const section = h("section", { class: "card feature meetup-panel", "data-panel": role, "aria-labelledby": heading.id });
    let details: DocumentDetails;
    try {
      details = await get<DocumentDetails>(`/api/documents/${encodeURIComponent(documentId)}`);
    } catch (error) {
      mount(section, heading, h("p", { class: "muted" }, error instanceof ApiError && error.status === 404 ? `The linked document ${documentId} is not shared with your organization, or does not exist.` : `The linked document ${documentId} could not be opened.`));
      return section;
    }
    if (closed?.aborted) {
      return section;
    }
    const status = h("span", { class: "tag sync-state", "data-testid": "sync-state", "data-state": "connecting", role: "status" }, "Connecting…");
    const host = h("div", { class: details.kind === "text" ? "editor panel-editor" : "panel-board", "data-testid": `${role}-panel` });
    const me = session.me!.userId;
    const onStage = meetup.hostUserId === me || meetup.speakers.includes(me);
    mount(
      section,
      h(
        "div",
        { class: "section-head" },
        heading,
        h(
          "p",
          { class: "meta" },
          details.canWrite ? null : h("span", { class: "tag", "data-testid": "read-only" }, meetup.stageOnly?.includes(role) ? "read-only: the stage edits" : "read-only for you"),
          " ",
          status,
          " ",
          h("a", { href: documentRoute(details.id) }, "Open in full"),
        ),
      ),
      host,
    );
    // The editor and the board (CodeMirror, Yjs) are a chunk of their own, loaded when a room first shows one.
    const { openLiveDocument } = await import("./live-document");
    if (closed?.aborted) {
      return section;
    }
    const live = openLiveDocument(details, {
      host,
      canPresent: details.canWrite && onStage,
      status(state, text) {
        status.dataset.state = state;
        status.textContent = text;
      },
    });
    closed?.addEventListener("abort", () => live.close(), { once: true });
    return section;
  };
}

registerMeetupPanel({ role: "whiteboard", render: panel("whiteboard") });
registerMeetupPanel({ role: "notes", render: panel("notes") });
