// A document's page. The document opens live (live-document.ts): a text in CodeMirror 6 bound to the Y.Text
// "content", a whiteboard on the board (whiteboard.ts), over y-websocket, kept on this device with y-indexeddb.
// Remote cursors carry the member's name and their organization's colour (awareness). Beside the editor: who is editing, the version history (save a named
// version, list, view read-only, restore) and export (Markdown; SVG for a whiteboard).
import { ApiError, get, post } from "../api";
import { organizationName } from "../organizations";
import { session } from "../session";
import { field, formatTime, h, listOr, mount, orgBadge } from "../view";
import { notify, onSubmit, routes, run, type Screen } from "../ui";
import type { DocumentDetails, DocumentVersion, DocumentVersionView } from "./contracts";
import { openLiveDocument, type AwarenessUser } from "./live-document";
import { keepDetails, keptDetails } from "./local-copies";

export function documentScreen(id: string): Screen {
  const head = h("header", { class: "page-head" });
  const status = h("span", { class: "tag sync-state", "data-testid": "sync-state", "data-state": "connecting", role: "status" }, "Connecting…");
  const editorHost = h("div", { class: "editor", "data-testid": "editor" });
  const people = h("section", { class: "card", "aria-labelledby": "editing-title" });
  const versions = h("section", { class: "card versions", "aria-labelledby": "versions-title" });
  const versionView = h("section", { class: "card version-view", hidden: true, "aria-labelledby": "version-view-title" });
  const body = h("div", { class: "layout-two" }, h("div", { class: "main-column" }, editorHost, versionView), h("aside", { class: "side-column" }, people, versions));
  let details: DocumentDetails | null = null;
  let cleanup: Array<() => void> = [];
  let disposed = false;

  const base = `/api/documents/${encodeURIComponent(id)}`;

  const renderHead = (d: DocumentDetails) =>
    mount(
      head,
      h("a", { href: routes.community(d.communityId), class: "back" }, "← Community"),
      h("h1", null, d.title),
      h(
        "p",
        { class: "meta" },
        h("span", { class: "tag" }, d.kind === "whiteboard" ? "whiteboard" : "text"),
        d.audience ? h("span", { class: "tag" }, `only ${d.audience.organizations.map(organizationName).join(", ")}`) : null,
        d.canWrite ? null : h("span", { class: "tag", "data-testid": "read-only" }, "read-only for you"),
        " ",
        status,
        " ",
        h("button", { type: "button", onclick: (e: Event) => void run(() => exportDocument(d), e.currentTarget as HTMLButtonElement) }, d.kind === "whiteboard" ? "Export SVG" : "Export Markdown"),
      ),
    );

  const exportDocument = async (d: DocumentDetails) => {
    const format = d.kind === "whiteboard" ? "svg" : "markdown";
    const response = await fetch(`${base}/export?format=${format}`, { headers: { Authorization: `Bearer ${session.token ?? ""}` } });
    if (!response.ok) {
      const error = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
      throw new ApiError(error?.code ?? `http-${response.status}`, error?.message ?? `The server answered ${response.status}.`, response.status);
    }
    const link = h("a", { href: URL.createObjectURL(await response.blob()), download: `${d.title}.${format === "svg" ? "svg" : "md"}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const loadVersions = async () => {
    const list = await get<DocumentVersion[]>(`${base}/versions`);
    const name = h("input", { name: "version-name", required: true, maxlength: 200, placeholder: "e.g. Reviewed by the panel" });
    mount(
      versions,
      h("h2", { id: "versions-title" }, "Version history"),
      details?.canWrite
        ? onSubmit(h("form", { class: "inline-form" }, field("Version name", name), h("button", { type: "submit" }, "Save version")), async () => {
            await post<DocumentVersion>(`${base}/versions`, { name: name.value });
            notify(`Version “${name.value}” saved.`);
            await loadVersions();
          })
        : null,
      listOr([...list].reverse(), "No saved version yet.", { class: "version-list" }, (v) =>
        h(
          "li",
          { "data-version-id": v.id },
          h("span", { class: "name" }, v.name),
          h("small", { class: "muted" }, ` ${formatTime(v.createdAt)}${v.reason === "named" ? "" : ` · ${reasons[v.reason] ?? v.reason}`}`),
          " ",
          h("button", { type: "button", class: "ghost", onclick: (e: Event) => void run(() => viewVersion(v), e.currentTarget as HTMLButtonElement) }, "View"),
        ),
      ),
    );
  };

  const viewVersion = async (v: DocumentVersion) => {
    const view = await get<DocumentVersionView>(`${base}/versions/${encodeURIComponent(v.id)}`);
    versionView.hidden = false;
    mount(
      versionView,
      h("div", { class: "section-head" }, h("h2", { id: "version-view-title" }, `Version “${v.name}” (read-only)`), h("button", { type: "button", class: "ghost", onclick: () => (versionView.hidden = true) }, "Close")),
      h("pre", { class: "version-content", "data-testid": "version-content" }, details?.kind === "whiteboard" ? JSON.stringify(JSON.parse(view.content || "{}"), null, 2) : view.content),
      details?.canWrite
        ? h(
            "button",
            {
              type: "button",
              class: "primary",
              onclick: (e: Event) =>
                void run(async () => {
                  if (!confirm(`Restore “${v.name}”? The current text is saved as a version first.`)) {
                    return;
                  }
                  await post(`${base}/versions/${encodeURIComponent(v.id)}/restore`);
                  versionView.hidden = true;
                  notify(`“${v.name}” is restored for everyone.`);
                  await loadVersions();
                }, e.currentTarget as HTMLButtonElement),
            },
            "Restore this version",
          )
        : null,
    );
  };

  const open = (d: DocumentDetails) => {
    const setStatus = (state: string, text: string) => {
      status.dataset.state = state;
      status.textContent = text;
    };
    const { doc, provider, close } = openLiveDocument(d, { host: editorHost, status: setStatus });

    const renderPeople = () => {
      const states = [...provider.awareness.getStates().entries()]
        .map(([clientId, state]) => ({ clientId, user: (state as { user?: AwarenessUser }).user }))
        .filter((s): s is { clientId: number; user: AwarenessUser } => !!s.user);
      const key = JSON.stringify(states);
      if (key === peopleKey) {
        return; // awareness changes with every pointer move on a whiteboard: re-draw only when the people change
      }
      peopleKey = key;
      mount(
        people,
        h("h2", { id: "editing-title" }, "Editing now"),
        h(
          "ul",
          { class: "member-list", "data-testid": "editors" },
          states.map((s) =>
            h("li", null, h("span", { class: "cursor-swatch", style: `background: ${s.user.color}` }), h("span", { class: "name" }, s.user.name), orgBadge(s.user.organizationId, organizationName(s.user.organizationId)), s.clientId === doc.clientID ? h("span", { class: "tag" }, "you") : null),
          ),
        ),
      );
    };
    let peopleKey = "";
    provider.awareness.on("change", renderPeople);
    renderPeople();
    cleanup.push(close);
  };

  const start = async () => {
    const me = session.me!;
    let offline = false;
    try {
      details = await get<DocumentDetails>(base);
      keepDetails(me.userId, details);
    } catch (error) {
      // Offline (a reload without network): open the copy on this device, as it was when last opened online.
      const kept = error instanceof ApiError && error.code === "offline" ? keptDetails(me.userId, id) : null;
      if (kept) {
        details = kept;
        offline = true;
      } else if (error instanceof ApiError && error.status === 404) {
        mount(head, h("a", { href: routes.communities, class: "back" }, "← Communities"), h("h1", null, "Document not found"), h("p", null, "There is no such document, or it is not shared with your organization."));
        body.remove();
        return;
      } else {
        throw error;
      }
    }
    if (disposed) {
      return;
    }
    renderHead(details);
    open(details);
    if (offline) {
      mount(versions, h("h2", { id: "versions-title" }, "Version history"), h("p", { class: "muted" }, "Shown when you are back online."));
      window.addEventListener("online", () => !disposed && void run(loadVersions), { once: true });
      return;
    }
    await loadVersions();
  };

  void run(start);
  return {
    element: h("div", { class: "document-page" }, head, body),
    title: "Document",
    dispose() {
      disposed = true;
      cleanup.forEach((c) => c());
      cleanup = [];
    },
  };
}

const reasons: Record<string, string> = {
  "meetup-ended": "end of a meetup",
  idle: "saved after a quiet spell",
  "before-restore": "saved before a restore",
};
