// A community's home: who is here now (by organization), meetups, members, the threads and documents
// sections (see features.ts), and for coordinators and moderators the community's administration.
import { del, get, getPage, post, put } from "../api";
import type { Community, CommunityMember, JoinResult, Meetup, PresenceSnapshot, RoomEvent } from "../contracts";
import { communitySections } from "../features";
import { live } from "../live";
import { onOrganizationNames, organizationName } from "../organizations";
import { Presence } from "../presence";
import { session } from "../session";
import { field, formValues, formatTime, h, mount, orgBadge } from "../view";
import { navigate, notify, onSubmit, routes, run, type Screen } from "../ui";
import { adminSection } from "./community-admin";
import { analyticsRoute } from "../analytics/screen";

export function communityScreen(id: string): Screen {
  const me = session.me!;
  const room = `community:${id}`;
  const presence = new Presence();
  const header = h("header", { class: "page-head" });
  const presenceSlot = h("div");
  const meetupsSlot = h("section", { class: "card", "aria-labelledby": "meetups-title" });
  const membersSlot = h("section", { class: "card", "aria-labelledby": "members-title" });
  const featuresSlot = h("div", { class: "features" });
  const adminSlot = h("div");
  let community: Community | null = null;
  let disposed = false;
  let entered = false;

  const renderPresence = () => mount(presenceSlot, presence.render({ highlight: (m) => (m.userId === me.userId ? "you" : null) }));

  const renderHeader = (c: Community) =>
    mount(
      header,
      h("a", { href: routes.communities, class: "back" }, "← Communities"),
      h("h1", null, c.name),
      h("p", { class: "domain" }, c.domain),
      c.description ? h("p", null, c.description) : null,
      h(
        "p",
        { class: "meta" },
        c.viewerRole ? h("span", { class: "tag role" }, `You are ${c.viewerRole}`) : null,
        ` ${c.memberCount} ${c.memberCount === 1 ? "member" : "members"} · `,
        c.organizations.map((o) => orgBadge(o.organizationId, organizationName(o.organizationId))),
        h("span", { class: "tag", "data-testid": "join-policy" }, joinPolicies[c.joinPolicy]),
      ),
      c.viewerRole ? h("p", null, h("a", { href: analyticsRoute(c.id), "data-testid": "analytics-link" }, "Analytics: participation and knowledge flow")) : null,
      c.viewerRole
        ? h(
            "button",
            {
              type: "button",
              class: "ghost",
              onclick: (e: Event) =>
                void run(async () => {
                  if (!confirm(`Leave ${c.name}?`)) {
                    return;
                  }
                  await post(`/api/communities/${encodeURIComponent(id)}/leave`);
                  navigate(routes.communities);
                }, e.currentTarget as HTMLButtonElement),
            },
            "Leave community",
          )
        : null,
    );

  const loadMeetups = async () => {
    const meetups = await get<Meetup[]>(`/api/communities/${encodeURIComponent(id)}/meetups`);
    const now = Date.now();
    const upcoming = meetups.filter((m) => m.phase !== "ended");
    const past = meetups.filter((m) => m.phase === "ended");
    mount(
      meetupsSlot,
      h("h2", { id: "meetups-title" }, "Meetups"),
      upcoming.length === 0 ? h("p", { class: "muted" }, "No meetup planned.") : h("ul", { class: "meetup-list" }, upcoming.map((m) => meetupItem(m, now))),
      past.length > 0 ? h("details", null, h("summary", null, `Past meetups (${past.length})`), h("ul", { class: "meetup-list" }, past.map((m) => meetupItem(m, now)))) : null,
      community && community.viewerRole && community.viewerRole !== "guest" ? scheduleForm(community) : null,
    );
  };

  const meetupItem = (m: Meetup, now: number) =>
    h(
      "li",
      { "data-meetup-id": m.id },
      h("a", { href: routes.meetup(m.id) }, m.title),
      " ",
      h("span", { class: `phase phase-${m.phase}` }, m.phase === "live" ? "live now" : m.phase),
      h("span", { class: "muted" }, ` ${formatTime(m.startsAt)}${m.phase === "scheduled" && Date.parse(m.startsAt) < now ? " (due)" : ""}`),
      m.audience ? h("span", { class: "tag", title: "Only these organizations see it" }, `only ${m.audience.organizations.map(organizationName).join(", ")}`) : null,
    );

  const scheduleForm = (c: Community) => {
    const start = new Date(Date.now() + 15 * 60_000);
    start.setSeconds(0, 0);
    const organizations = c.organizations.map((o) =>
      h("label", { class: "check" }, h("input", { type: "checkbox", name: "audience", value: o.organizationId }), organizationName(o.organizationId)),
    );
    const form = h(
      "form",
      { class: "stack", "aria-labelledby": "schedule-title" },
      h("h3", { id: "schedule-title" }, "Plan a meetup"),
      field("Title", h("input", { name: "title", required: true, maxlength: 200 })),
      field("Agenda", h("textarea", { name: "agenda", maxlength: 4000, rows: 2 })),
      h(
        "div",
        { class: "row" },
        field("Starts", h("input", { name: "startsAt", type: "datetime-local", required: true, value: localInput(start) })),
        field("Minutes", h("input", { name: "minutes", type: "number", min: 5, max: 1440, value: 60, required: true })),
      ),
      h("fieldset", null, h("legend", null, "Audience: leave all unticked for the whole community"), organizations),
      h("button", { type: "submit", class: "primary" }, "Plan meetup"),
    );
    return onSubmit(form, async () => {
      const values = formValues(form);
      const startsAt = new Date(values.startsAt!);
      const endsAt = new Date(startsAt.getTime() + Number(values.minutes) * 60_000);
      const audience = [...form.querySelectorAll<HTMLInputElement>("input[name=audience]:checked")].map((i) => i.value);
      const meetup = await post<Meetup>(`/api/communities/${encodeURIComponent(id)}/meetups`, {
        title: values.title,
        agenda: values.agenda || null,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        audience: audience.length > 0 ? { organizations: audience } : null,
      });
      notify(`${meetup.title} is planned.`);
      await loadMeetups();
    });
  };

  // The directory comes in pages: a community of thousands is not one list to send or to draw.
  const membersPage = 100;
  let membersShown: CommunityMember[] = [];
  let membersSearch = "";

  const loadMembers = async (more = false) => {
    const query = new URLSearchParams({ offset: String(more ? membersShown.length : 0), limit: String(membersPage) });
    if (membersSearch) {
      query.set("q", membersSearch);
    }
    const page = await getPage<CommunityMember>(`/api/communities/${encodeURIComponent(id)}/members?${query}`);
    membersShown = more ? [...membersShown, ...page.items] : page.items;
    const coordinator = community?.viewerRole === "coordinator";
    const search = h("input", { type: "search", name: "member-search", placeholder: "Find a member by name", "aria-label": "Find a member by name", value: membersSearch, maxlength: 200 });
    const searchForm = h("form", { class: "row", role: "search" }, search, h("button", { type: "submit", class: "ghost" }, "Find"));
    searchForm.addEventListener("submit", (e) => {
      e.preventDefault();
      membersSearch = search.value.trim();
      void run(() => loadMembers());
    });
    const moreButton = membersShown.length < page.total ? h("button", { type: "button", class: "ghost", id: "more-members" }, `Show more (${page.total - membersShown.length} more)`) : null;
    moreButton?.addEventListener("click", () => void run(() => loadMembers(true), moreButton));
    mount(
      membersSlot,
      h("h2", { id: "members-title" }, membersSearch ? `Members matching "${membersSearch}" (${page.total})` : `Members (${page.total})`),
      searchForm,
      h(
        "ul",
        { class: "member-list" },
        membersShown.map((m) =>
          h(
            "li",
            { "data-user-id": m.userId },
            h("span", { class: "name" }, m.displayName),
            orgBadge(m.organizationId, organizationName(m.organizationId)),
            coordinator && m.userId !== me.userId ? roleControls(m) : h("span", { class: "tag" }, m.role),
          ),
        ),
      ),
      moreButton,
    );
  };

  const roleControls = (m: CommunityMember) => {
    const select = h(
      "select",
      { "aria-label": `Role of ${m.displayName}` },
      (["coordinator", "moderator", "member", "guest"] as const).map((r) => h("option", { value: r, selected: r === m.role }, r)),
    );
    select.addEventListener("change", () => void run(async () => put(`/api/communities/${encodeURIComponent(id)}/members/${encodeURIComponent(m.userId)}/role`, { role: select.value })));
    const remove = h("button", { type: "button", class: "ghost danger", "aria-label": `Remove ${m.displayName}` }, "Remove");
    remove.addEventListener("click", () =>
      void run(async () => {
        if (confirm(`Remove ${m.displayName} from the community?`)) {
          await del(`/api/communities/${encodeURIComponent(id)}/members/${encodeURIComponent(m.userId)}`);
          await loadMembers();
        }
      }, remove),
    );
    return h("span", { class: "controls" }, select, remove);
  };

  const loadFeatures = async (c: Community) => {
    const sections = await Promise.all(communitySections().map((s) => s.render(c)));
    mount(featuresSlot, sections);
  };

  const joinCard = (c: Community) =>
    h(
      "section",
      { class: "card" },
      h("h2", null, "Join this community"),
      h("p", null, c.viewerStatus === "requested" ? "Your request is waiting for a coordinator or moderator." : "Join to see who is here, its meetups and its members."),
      c.viewerStatus === "requested" || (c.joinPolicy === "invitation" && c.viewerStatus !== "invited")
        ? null
        : h(
            "button",
            {
              type: "button",
              class: "primary",
              onclick: (e: Event) =>
                void run(async () => {
                  const result = await post<JoinResult>(`/api/communities/${encodeURIComponent(id)}/join`);
                  if (result.status === "requested") {
                    notify("Your request was sent.");
                  }
                  await load();
                }, e.currentTarget as HTMLButtonElement),
            },
            c.viewerStatus === "invited" ? "Accept invitation" : c.joinPolicy === "approval" ? "Ask to join" : "Join",
          ),
    );

  const load = async () => {
    community = await get<Community>(`/api/communities/${encodeURIComponent(id)}`);
    if (disposed) {
      return;
    }
    renderHeader(community);
    if (!community.viewerRole) {
      mount(body, joinCard(community));
      return;
    }
    mount(body, h("div", { class: "main-column" }, meetupsSlot, featuresSlot), h("aside", { class: "side-column" }, presenceSlot, membersSlot, adminSlot));
    renderPresence();
    if (!entered) {
      entered = true;
      await live.enter(room, {
        snapshot: (snapshot: PresenceSnapshot) => {
          presence.reset(snapshot);
          renderPresence();
        },
        events: (events: RoomEvent[]) => {
          if (presence.apply(events)) {
            renderPresence();
          }
          for (const event of events) {
            if (event.type === "meetup-announced") {
              notify(`${event.title} is starting now.`);
              void loadMeetups().catch(() => {});
            } else if (event.type === "item-created") {
              // A thread or document someone created: its section reads its list again.
              featuresSlot.querySelector(`[data-feature="${event.item === "thread" ? "threads" : "documents"}"]`)?.dispatchEvent(new CustomEvent("item-created", { detail: event }));
            }
          }
        },
        revoked: (revoked) => {
          notify(`You are no longer in ${community?.name ?? "this community"}: ${revoked.reason}`, "error");
          navigate(routes.communities);
        },
      });
    }
    await Promise.all([
      loadMeetups(),
      loadMembers(),
      loadFeatures(community),
      community.viewerRole === "coordinator" || community.viewerRole === "moderator"
        ? adminSection(community, { changed: load, membersChanged: loadMembers }).then((section) => mount(adminSlot, section))
        : Promise.resolve(mount(adminSlot)),
    ]);
  };

  const body = h("div", { class: "layout-two" });
  const stopNames = onOrganizationNames(() => {
    if (community) {
      renderHeader(community);
      renderPresence();
    }
  });
  void run(load);
  const element = h("div", { class: "community" }, header, body);
  return {
    element,
    title: "Community",
    dispose() {
      disposed = true;
      stopNames();
      void live.leave(room);
    },
  };
}

const joinPolicies: Record<Community["joinPolicy"], string> = {
  open: "open to admitted organizations",
  approval: "joining by request and approval",
  invitation: "joining by invitation",
};

function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
