// The documents section of a community's home: the documents the viewer may see, and creating one (text or
// whiteboard, for the whole community or some organizations).
import { get, post } from "../api";
import { audienceFieldset, chosenAudience } from "../audience";
import type { Community } from "../contracts";
import { registerCommunitySection } from "../features";
import { organizationName } from "../organizations";
import { field, formValues, formatTime, h, listOr, mount } from "../view";
import { navigate, onSubmit, run } from "../ui";
import { documentRoute, type DocumentDetails } from "./contracts";

function documentsSection(community: Community): HTMLElement {
  const base = `/api/communities/${encodeURIComponent(community.id)}/documents`;
  const list = h("div");
  const show = async () => {
    const documents = await get<DocumentDetails[]>(base);
    mount(
      list,
      listOr(documents, "No document yet.", { class: "thread-list document-list" }, (d) =>
        h(
          "li",
          { "data-document-id": d.id },
          h("a", { href: documentRoute(d.id) }, d.title),
          " ",
          h("span", { class: "tag" }, d.kind === "whiteboard" ? "whiteboard" : "text"),
          d.audience ? h("span", { class: "tag", title: "Only these organizations see it" }, `only ${d.audience.organizations.map(organizationName).join(", ")}`) : null,
          h("span", { class: "muted meta-line" }, `created ${formatTime(d.createdAt)}`),
        ),
      ),
    );
  };

  const createForm = () => {
    const form = h(
      "form",
      { class: "stack", "aria-labelledby": "new-document-title" },
      h("h3", { id: "new-document-title" }, "New document"),
      field("Document title", h("input", { name: "title", required: true, maxlength: 200 })),
      field("Document kind", h("select", { name: "kind" }, h("option", { value: "text" }, "Text (Markdown)"), h("option", { value: "whiteboard" }, "Whiteboard"))),
      audienceFieldset(community, "document-audience", "Document audience"),
      h("button", { type: "submit", class: "primary" }, "Create document"),
    );
    return onSubmit(form, async () => {
      const values = formValues(form);
      const created = await post<DocumentDetails>(base, { title: values.title, kind: values.kind, audience: chosenAudience(form, "document-audience") });
      navigate(documentRoute(created.id));
    });
  };

  void run(show);
  const section = h(
    "section",
    { class: "card feature", "data-feature": "documents", "aria-labelledby": "feature-documents" },
    h("h2", { id: "feature-documents" }, "Documents"),
    list,
    community.viewerRole && community.viewerRole !== "guest" ? h("details", { class: "start-thread" }, h("summary", null, "New document"), createForm()) : null,
  );
  // The community room says when someone creates a document (community.ts passes it on): read the list again.
  section.addEventListener("item-created", () => void run(show));
  return section;
}

registerCommunitySection({ id: "documents", title: "Documents", render: documentsSection });
