// Communities: discover the ones that admit the viewer's organization, join or ask to join, accept or decline
// an invitation, and create a new one.
import { del, get, post } from "../api";
import type { Community, JoinResult } from "../contracts";
import { organizationName } from "../organizations";
import { field, formValues, h, mount, orgBadge } from "../view";
import { navigate, notify, onSubmit, routes, run, type Screen } from "../ui";

export function communitiesScreen(): Screen {
  const list = h("div", { class: "community-list", "aria-live": "polite", "aria-busy": "true" });
  const filter = h("input", { type: "search", placeholder: "Filter by name or domain", "aria-label": "Filter communities" });
  let communities: Community[] = [];

  const render = () => {
    const needle = filter.value.trim().toLowerCase();
    const shown = communities.filter((c) => !needle || c.name.toLowerCase().includes(needle) || c.domain.toLowerCase().includes(needle));
    list.removeAttribute("aria-busy");
    mount(
      list,
      shown.length === 0
        ? h("p", { class: "muted" }, communities.length === 0 ? "No community admits your organization yet: create the first." : "No community matches.")
        : h("ul", { class: "cards" }, shown.map(card)),
    );
  };

  const load = async () => {
    communities = await get<Community[]>("/api/communities");
    render();
  };

  const card = (community: Community) =>
    h(
      "li",
      { class: "card community-card", "data-community-id": community.id },
      h("h3", null, community.viewerRole ? h("a", { href: routes.community(community.id) }, community.name) : community.name),
      h("p", { class: "domain" }, community.domain),
      community.description ? h("p", null, community.description) : null,
      h(
        "p",
        { class: "meta" },
        `${community.memberCount} ${community.memberCount === 1 ? "member" : "members"} · `,
        community.admittedOrganizations.map((o) => orgBadge(o, organizationName(o))),
      ),
      h("div", { class: "actions" }, action(community)),
    );

  const action = (community: Community) => {
    if (community.viewerRole) {
      return h("a", { class: "button primary", href: routes.community(community.id) }, "Open");
    }
    if (community.viewerStatus === "requested") {
      return h("span", { class: "tag" }, "Request sent: waiting for approval");
    }
    if (community.viewerStatus === "invited") {
      return [
        h("button", { type: "button", class: "primary", onclick: (e: Event) => void run(() => join(community), e.currentTarget as HTMLButtonElement) }, "Accept invitation"),
        h(
          "button",
          {
            type: "button",
            onclick: (e: Event) =>
              void run(async () => {
                await del(`/api/communities/${encodeURIComponent(community.id)}/invitation`);
                await load();
              }, e.currentTarget as HTMLButtonElement),
          },
          "Decline",
        ),
      ];
    }
    if (community.joinPolicy === "invitation") {
      return h("span", { class: "tag" }, "By invitation only");
    }
    return h(
      "button",
      { type: "button", class: "primary", onclick: (e: Event) => void run(() => join(community), e.currentTarget as HTMLButtonElement) },
      community.joinPolicy === "approval" ? "Ask to join" : "Join",
    );
  };

  const join = async (community: Community) => {
    const result = await post<JoinResult>(`/api/communities/${encodeURIComponent(community.id)}/join`);
    if (result.status === "requested") {
      notify(`Your request to join ${community.name} was sent; a coordinator or moderator will answer it.`);
      await load();
      return;
    }
    navigate(routes.community(community.id));
  };

  const create = onSubmit(
    h(
      "form",
      { class: "stack", "aria-labelledby": "create-title" },
      h("h2", { id: "create-title" }, "Start a community"),
      field("Name", h("input", { name: "name", required: true, maxlength: 200 })),
      field("Domain", h("input", { name: "domain", required: true, maxlength: 200, placeholder: "rock mechanics" }), "What the community is about."),
      field("Description", h("textarea", { name: "description", maxlength: 4000, rows: 3 })),
      h("button", { type: "submit", class: "primary" }, "Create community"),
    ),
    async (form) => {
      const { name, domain, description } = formValues(form);
      const community = await post<Community>("/api/communities", { name, domain, description: description || null });
      form.reset();
      navigate(routes.community(community.id));
    },
  );

  filter.addEventListener("input", render);
  void run(load);
  const element = h(
    "div",
    { class: "layout-two" },
    h("section", { class: "main-column", "aria-labelledby": "communities-title" }, h("div", { class: "section-head" }, h("h1", { id: "communities-title" }, "Communities"), filter), list),
    h("aside", { class: "card side-column" }, create),
  );
  return { element, title: "Communities" };
}
