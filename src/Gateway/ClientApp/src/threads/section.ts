// The threads section of a community's home: latest activity, unanswered questions, by organization, search
// (filtered by audience on the server), and starting a thread (discussion or question, audience).
import "./threads.css";
import { get, getPage, post } from "../api";
import { audienceFieldset, chosenAudience } from "../audience";
import type { Community } from "../contracts";
import { registerCommunitySection } from "../features";
import { organizationName } from "../organizations";
import { field, formValues, formatTime, h, listOr, mount, orgBadge } from "../view";
import { navigate, onSubmit, run } from "../ui";
import { threadRoute, type SearchHit, type ThreadSummary, type ThreadView } from "./contracts";

function threadsSection(community: Community): HTMLElement {
  const base = `/api/communities/${encodeURIComponent(community.id)}/threads`;
  const list = h("div", { class: "thread-results", "aria-live": "polite" });
  const filter = h(
    "select",
    { name: "filter", "aria-label": "Show threads" },
    h("option", { value: "all" }, "Latest activity"),
    h("option", { value: "unanswered" }, "Unanswered questions"),
    community.organizations.map((o) => h("option", { value: `org:${o.organizationId}` }, `Started in ${organizationName(o.organizationId)}`)),
  );
  const query = h("input", { type: "search", name: "q", maxlength: 200, placeholder: "Search threads", "aria-label": "Search threads" });

  // The list comes in pages: a community that has talked for years is not one list to send or to draw.
  const threadsPage = 50;
  let threadsShown: ThreadSummary[] = [];
  const showList = async (more = false) => {
    const value = filter.value;
    const params = new URLSearchParams({ offset: String(more ? threadsShown.length : 0), limit: String(threadsPage) });
    if (value.startsWith("org:")) {
      params.set("organization", value.slice(4));
    } else {
      params.set("filter", value);
    }
    const page = await getPage<ThreadSummary>(`${base}?${params}`);
    threadsShown = more ? [...threadsShown, ...page.items] : page.items;
    const moreButton = threadsShown.length < page.total ? h("button", { type: "button", class: "ghost", id: "more-threads" }, `Show more (${page.total - threadsShown.length} more)`) : null;
    moreButton?.addEventListener("click", () => void run(() => showList(true), moreButton));
    mount(list, listOr(threadsShown, value === "unanswered" ? "No unanswered question." : "No thread yet.", { class: "thread-list" }, summaryItem), moreButton);
  };
  filter.addEventListener("change", () => void run(() => showList()));

  const searchForm = onSubmit(h("form", { class: "inline-form", role: "search" }, query, h("button", { type: "submit" }, "Search")), async () => {
    if (!query.value.trim()) {
      await showList();
      return;
    }
    const hits = await get<SearchHit[]>(`${base}/search?q=${encodeURIComponent(query.value.trim())}`);
    mount(
      list,
      h("p", { class: "muted" }, `${hits.length} ${hits.length === 1 ? "result" : "results"} for “${query.value.trim()}” `, h("button", { type: "button", class: "ghost", onclick: () => void run(() => ((query.value = ""), showList())) }, "Clear")),
      listOr(hits, "Nothing matches.", { class: "thread-list search-hits" }, (hit) =>
        h("li", { "data-thread-id": hit.threadId }, h("a", { href: `${threadRoute(hit.threadId)}` }, hit.title), h("p", { class: "snippet" }, hit.snippet)),
      ),
    );
  });

  const startForm = () => {
    const form = h(
      "form",
      { class: "stack", "aria-labelledby": "start-thread-title" },
      h("h3", { id: "start-thread-title" }, "Start a thread"),
      field("Thread title", h("input", { name: "title", required: true, maxlength: 200 })),
      field("Thread kind", h("select", { name: "kind" }, h("option", { value: "discussion" }, "Discussion"), h("option", { value: "question" }, "Question"))),
      field("Opening post", h("textarea", { name: "body", required: true, maxlength: 20000, rows: 3 }), "Markdown; @userId mentions notify that member."),
      audienceFieldset(community, "thread-audience", "Thread audience"),
      h("button", { type: "submit", class: "primary" }, "Start thread"),
    );
    return onSubmit(form, async () => {
      const values = formValues(form);
      const view = await post<ThreadView>(base, {
        title: values.title,
        kind: values.kind,
        body: values.body,
        audience: chosenAudience(form, "thread-audience"),
      });
      navigate(threadRoute(view.thread.id));
    });
  };

  const section = h(
    "section",
    { class: "card feature", "data-feature": "threads", "aria-labelledby": "feature-threads" },
    h("div", { class: "section-head" }, h("h2", { id: "feature-threads" }, "Threads"), filter),
    searchForm,
    list,
    community.viewerRole && community.viewerRole !== "guest" ? h("details", { class: "start-thread" }, h("summary", null, "Start a thread"), startForm()) : null,
  );
  // The community room says when someone creates a thread (community.ts passes it on as "item-created"): the
  // list is read again, unless search results are on show.
  section.addEventListener("item-created", () => {
    if (!query.value.trim()) {
      void run(() => showList());
    }
  });
  void run(() => showList());
  return section;
}

export function summaryItem(t: ThreadSummary): HTMLElement {
  return h(
    "li",
    { "data-thread-id": t.id },
    h("a", { href: threadRoute(t.id) }, t.title),
    " ",
    h("span", { class: `tag kind-${t.kind}` }, t.kind === "question" ? (t.acceptedPostId ? "answered" : "question") : "discussion"),
    t.audience ? h("span", { class: "tag", title: "Only these organizations see it" }, `only ${t.audience.organizations.map(organizationName).join(", ")}`) : null,
    h(
      "span",
      { class: "muted meta-line" },
      ` ${t.authorName} `,
      orgBadge(t.authorOrganizationId, organizationName(t.authorOrganizationId)),
      ` · ${t.postCount} ${t.postCount === 1 ? "post" : "posts"} · ${formatTime(t.lastActivityAt)}`,
    ),
  );
}

registerCommunitySection({ id: "threads", title: "Threads", render: threadsSection });
