// The meetup room: stage and audience, the live roster with counts per organization, reactions that float
// up, raised hands, questions with upvotes, polls, chat, the linked whiteboard and notes, and host controls.
// Everything live arrives as events of the room "meetup:{id}"; actions are hub methods (docs/protocol.md).
import { ApiError, del, get, post, put } from "../api";
import { reactions, type ChatMessage, type Community, type CommunityMember, type Meetup, type MeetupView, type Poll, type Question, type RoomEvent } from "../contracts";
import { meetupPanel } from "../features";
import { live } from "../live";
import { onOrganizationNames, organizationName } from "../organizations";
import { Presence } from "../presence";
import { session } from "../session";
import { field, formValues, formatTime, h, listOr, mount, orgBadge } from "../view";
import { navigate, notify, onSubmit, routes, run, type Screen } from "../ui";

export function meetupScreen(id: string): Screen {
  const me = session.me!;
  const room = `meetup:${id}`;
  const presence = new Presence();
  const names = new Map<string, { displayName: string; organizationId: string }>();
  let view: MeetupView | null = null;
  let community: Community | null = null;
  let queued: RoomEvent[] | null = [];
  let disposed = false;

  const head = h("header", { class: "page-head" });
  const stage = h("section", { class: "card stage", "aria-labelledby": "stage-title" });
  const floats = h("div", { class: "reaction-floats", "aria-hidden": "true" });
  const reactionBar = h("div", { class: "reaction-bar", role: "group", "aria-label": "React" });
  const reactionAnnouncer = h("p", { class: "sr-only", "aria-live": "polite" });
  const panels = h("div", { class: "panels", role: "region", "aria-label": "Whiteboard and notes" });
  const hands = h("section", { class: "card", "aria-labelledby": "hands-title" });
  const questions = h("section", { class: "card", "aria-labelledby": "questions-title" });
  const polls = h("section", { class: "card", "aria-labelledby": "polls-title" });
  const audience = h("div");
  const chatList = h("ol", { class: "chat-list", "aria-live": "polite", "aria-label": "Chat messages" });
  const chat = h("section", { class: "card chat", "aria-labelledby": "chat-title" });

  const isHost = () => view?.meetup.hostUserId === me.userId;
  const isLive = () => view?.meetup.phase === "live";
  const canAuthor = () => !!community?.viewerRole && community.viewerRole !== "guest" && view?.meetup.phase !== "ended";
  const nameOf = (userId: string) => names.get(userId)?.displayName ?? (userId === me.userId ? me.displayName : userId);

  // ---- rendering ---------------------------------------------------------------------------------------

  const renderHead = () => {
    const m = view!.meetup;
    mount(
      head,
      h("a", { href: routes.community(m.communityId), class: "back" }, `← ${community?.name ?? "Community"}`),
      h("h1", null, m.title, " ", h("span", { class: `phase phase-${m.phase}`, "data-testid": "phase" }, m.phase === "live" ? "live" : m.phase)),
      h("p", { class: "meta" }, `${formatTime(m.startsAt)} – ${formatTime(m.endsAt)}`, m.audience ? h("span", { class: "tag" }, `only ${m.audience.organizations.map(organizationName).join(", ")}`) : null),
      m.agenda ? h("p", null, m.agenda) : null,
      isHost() ? hostControls(m) : null,
      isHost() || community?.viewerRole === "coordinator" ? settings(m) : null,
    );
  };

  // Who may attend (host or coordinators) and which documents are linked (host), with the existing routes.
  const settings = (m: Meetup) => {
    const base = `/api/meetups/${encodeURIComponent(id)}`;
    const organizations = community?.organizations ?? [];
    const audienceForm = onSubmit(
      h(
        "form",
        { class: "stack" },
        h(
          "fieldset",
          null,
          h("legend", null, "Audience: leave all unticked for the whole community"),
          organizations.map((o) =>
            h("label", { class: "check" }, h("input", { type: "checkbox", name: "audience", value: o.organizationId, checked: m.audience?.organizations.includes(o.organizationId) ?? false }), organizationName(o.organizationId)),
          ),
        ),
        h("button", { type: "submit" }, "Save audience"),
      ),
      async (form) => {
        const chosen = [...form.querySelectorAll<HTMLInputElement>("input[name=audience]:checked")].map((i) => i.value);
        updateMeetup(await put<Meetup>(`${base}/audience`, { audience: chosen.length > 0 ? { organizations: chosen } : null }));
        notify("The audience is saved; people outside it have left the meetup.");
      },
    );
    const linkForm = onSubmit(
      h(
        "form",
        { class: "stack" },
        h(
          "div",
          { class: "row" },
          field("Link as", h("select", { name: "role" }, h("option", { value: "whiteboard" }, "whiteboard"), h("option", { value: "notes" }, "notes"))),
          field("Document id", h("input", { name: "documentId", required: true, pattern: "[a-z0-9\\-]{1,64}", autocapitalize: "none" })),
        ),
        h("button", { type: "submit" }, "Link document"),
        Object.keys(m.links).map((role) =>
          h("button", { type: "button", class: "ghost", onclick: (e: Event) => void run(() => del<Meetup>(`${base}/links/${role}`).then(updateMeetup), e.currentTarget as HTMLButtonElement) }, `Unlink the ${role}`),
        ),
      ),
      async (form) => {
        const { role, documentId } = formValues(form);
        updateMeetup(await put<Meetup>(`${base}/links/${encodeURIComponent(role!)}`, { documentId }));
        form.reset();
      },
    );
    return h("details", { class: "settings" }, h("summary", null, "Meetup settings"), audienceForm, isHost() ? linkForm : null);
  };

  const hostControls = (m: Meetup) =>
    h(
      "div",
      { class: "actions", role: "group", "aria-label": "Host controls" },
      m.phase === "scheduled"
        ? h("button", { type: "button", class: "primary", onclick: (e: Event) => void run(() => post<Meetup>(`/api/meetups/${encodeURIComponent(id)}/start`).then(updateMeetup), e.currentTarget as HTMLButtonElement) }, "Start meetup")
        : null,
      m.phase === "live"
        ? h("button", { type: "button", class: "danger", onclick: (e: Event) => void run(async () => { if (confirm("End the meetup for everyone?")) { updateMeetup(await post<Meetup>(`/api/meetups/${encodeURIComponent(id)}/end`)); } }, e.currentTarget as HTMLButtonElement) }, "End meetup")
        : null,
    );

  const renderStage = () => {
    const m = view!.meetup;
    const people = [m.hostUserId, ...m.speakers.filter((s) => s !== m.hostUserId)];
    mount(
      stage,
      h("h2", { id: "stage-title" }, "Stage"),
      h(
        "ul",
        { class: "stage-people" },
        people.map((userId) =>
          h(
            "li",
            { "data-user-id": userId },
            h("span", { class: "avatar", "aria-hidden": "true" }, initials(nameOf(userId))),
            h("span", { class: "name" }, nameOf(userId)),
            names.get(userId) ? orgBadge(names.get(userId)!.organizationId, organizationName(names.get(userId)!.organizationId)) : null,
            userId === m.hostUserId ? h("span", { class: "tag" }, "host") : null,
            isHost() && userId !== m.hostUserId
              ? h("button", { type: "button", class: "ghost", "aria-label": `Take ${nameOf(userId)} off the stage`, onclick: (e: Event) => void run(() => del<Meetup>(`/api/meetups/${encodeURIComponent(id)}/stage/${encodeURIComponent(userId)}`).then(updateMeetup), e.currentTarget as HTMLButtonElement) }, "Off stage")
              : null,
          ),
        ),
      ),
      reactionBar,
      h("p", { class: "reaction-totals", "data-testid": "reaction-totals" }, reactions.map((r) => h("span", { "data-reaction": r.kind, title: r.label }, `${r.emoji} ${view!.reactionTotals[r.kind] ?? 0}`))),
      floats,
      reactionAnnouncer,
    );
    renderReactionBar();
  };

  const renderReactionBar = () => {
    const enabled = isLive() && !!community?.viewerRole;
    mount(
      reactionBar,
      reactions.map((r) =>
        h("button", { type: "button", class: "reaction", "aria-label": r.label, title: enabled ? r.label : "Reactions open when the meetup is live", disabled: !enabled, "data-reaction": r.kind, onclick: () => void run(() => live.invoke("React", id, r.kind)) }, r.emoji),
      ),
    );
  };

  // The linked whiteboard and notes open live in the room; they are opened again only when what they depend on
  // changes (the links, stage only, who is on stage), not on every meetup update, so nobody's typing is cut.
  let panelsKey = "";
  let panelsClosed: AbortController | null = null;
  const panelRoles = ["whiteboard", "notes"];
  const renderPanels = () => {
    const m = view!.meetup;
    const onStage = m.hostUserId === me.userId || m.speakers.includes(me.userId);
    const key = JSON.stringify([m.links, m.stageOnly ?? [], onStage, isHost() && m.phase !== "ended" && !!community, community?.viewerRole ?? null]);
    if (key === panelsKey) {
      return;
    }
    panelsKey = key;
    panelsClosed?.abort();
    const closed = (panelsClosed = new AbortController());
    const roles = [...new Set([...panelRoles, ...Object.keys(m.links)])];
    void Promise.all(
      roles.map((role) => {
        const documentId = m.links[role];
        if (documentId) {
          return Promise.resolve(meetupPanel(role).render(m, documentId, closed.signal)).then((part) => h("div", { class: "panel-slot" }, isHost() && m.phase !== "ended" ? stageOnlyToggle(m, role) : null, part));
        }
        return Promise.resolve(isHost() && m.phase !== "ended" && community ? missingPanel(m, role) : null);
      }),
    ).then((parts) => {
      if (!closed.signal.aborted) {
        mount(panels, parts);
      }
    });
  };

  // The host makes a missing whiteboard or notes document (with the meetup's audience) and links it in one go.
  const missingPanel = (m: Meetup, role: string) => {
    const noun = role === "whiteboard" ? "whiteboard" : "notes";
    return h(
      "section",
      { class: "card feature meetup-panel missing", "data-panel": role, "aria-labelledby": `missing-${role}` },
      h("h2", { id: `missing-${role}` }, role === "whiteboard" ? "Whiteboard" : "Notes"),
      h("p", { class: "muted" }, `No ${noun} is linked to this meetup.`),
      h(
        "button",
        {
          type: "button",
          class: "primary",
          onclick: (e: Event) =>
            void run(async () => {
              const created = await post<{ id: string }>(`/api/communities/${encodeURIComponent(m.communityId)}/documents`, {
                title: `${m.title}: ${noun}`,
                kind: role === "whiteboard" ? "whiteboard" : "text",
                audience: m.audience,
              });
              updateMeetup(await put<Meetup>(`/api/meetups/${encodeURIComponent(id)}/links/${encodeURIComponent(role)}`, { documentId: created.id }));
            }, e.currentTarget as HTMLButtonElement),
        },
        role === "whiteboard" ? "Create and link a whiteboard" : "Create and link notes",
      ),
    );
  };

  const stageOnlyToggle = (m: Meetup, role: string) => {
    const on = m.stageOnly?.includes(role) ?? false;
    const path = `/api/meetups/${encodeURIComponent(id)}/stage-only/${encodeURIComponent(role)}`;
    return h(
      "button",
      { type: "button", class: "ghost stage-only", "aria-pressed": String(on), onclick: (e: Event) => void run(async () => updateMeetup(on ? await del<Meetup>(path) : await put<Meetup>(path)), e.currentTarget as HTMLButtonElement) },
      on ? `Let everyone edit the ${role}` : `Only the stage edits the ${role}`,
    );
  };

  const renderHands = () => {
    const list = view!.hands;
    const mine = list.some((hand) => hand.userId === me.userId);
    mount(
      hands,
      h("h2", { id: "hands-title" }, "Raised hands ", h("span", { class: "count" }, String(list.length))),
      listOr(list, "No hands up.", { class: "member-list" }, (hand) =>
              h(
                "li",
                { "data-user-id": hand.userId },
                h("span", { class: "name" }, "✋ ", hand.displayName),
                orgBadge(hand.organizationId, organizationName(hand.organizationId)),
                isHost()
                  ? h(
                      "span",
                      { class: "controls" },
                      h("button", { type: "button", class: "primary", onclick: (e: Event) => void run(() => live.invoke<Meetup>("CallOn", id, hand.userId).then(updateMeetup), e.currentTarget as HTMLButtonElement) }, `Call on ${hand.displayName}`),
                      h("button", { type: "button", class: "ghost", onclick: (e: Event) => void run(() => live.invoke("DismissHand", id, hand.userId), e.currentTarget as HTMLButtonElement) }, "Dismiss"),
                    )
                  : null,
              ),
      ),
      canAuthor() && isLive()
        ? h("button", { type: "button", class: mine ? "" : "primary", "aria-pressed": String(mine), onclick: (e: Event) => void run(() => live.invoke(mine ? "LowerHand" : "RaiseHand", id), e.currentTarget as HTMLButtonElement) }, mine ? "Lower your hand" : "✋ Raise your hand")
        : null,
    );
  };

  // Forms are made once and only shown or hidden, so what someone is typing survives other people's events.
  const askForm = onSubmit(
    h("form", { class: "inline-form" }, field("Your question", h("input", { name: "text", required: true, maxlength: 1000 })), h("button", { type: "submit" }, "Ask")),
    async (form) => {
      await live.invoke<Question>("AskQuestion", id, formValues(form).text);
      form.reset();
    },
  );
  const questionList = h("div");

  const renderQuestions = () => {
    const list = [...view!.questions].sort((a, b) => Number(a.answered) - Number(b.answered) || b.upvotes - a.upvotes || a.askedAt.localeCompare(b.askedAt));
    askForm.hidden = !canAuthor();
    if (!questions.contains(askForm)) {
      mount(questions, h("h2", { id: "questions-title" }, "Questions ", h("span", { class: "count" })), questionList, askForm);
    }
    questions.querySelector("#questions-title .count")!.textContent = String(list.length);
    mount(
      questionList,
      listOr(list, "No questions yet.", { class: "question-list" }, (q) =>
              h(
                "li",
                { "data-question-id": q.id, class: q.answered ? "answered" : "" },
                h(
                  "button",
                  { type: "button", class: "upvote", "aria-label": `Upvote: ${q.text} (${q.upvotes} votes)`, disabled: !canAuthor() || q.authorUserId === me.userId, onclick: (e: Event) => void run(() => live.invoke("UpvoteQuestion", id, q.id), e.currentTarget as HTMLButtonElement) },
                  "▲ ",
                  h("span", { class: "votes" }, String(q.upvotes)),
                ),
                h("span", { class: "text" }, q.text),
                h("span", { class: "muted" }, ` ${q.authorName} · `, orgBadge(q.authorOrganizationId, organizationName(q.authorOrganizationId))),
                q.answered ? h("span", { class: "tag" }, "answered") : null,
                isHost() && !q.answered ? h("button", { type: "button", class: "ghost", onclick: (e: Event) => void run(() => live.invoke("MarkAnswered", id, q.id), e.currentTarget as HTMLButtonElement) }, "Mark answered") : null,
              ),
      ),
    );
  };

  const pollForm = onSubmit(
    h(
      "form",
      { class: "stack" },
      h("h3", null, "Open a poll"),
      field("Poll question", h("input", { name: "question", required: true, maxlength: 300 })),
      field("Options, one per line", h("textarea", { name: "options", required: true, rows: 3 }), "2 to 10 options."),
      h("button", { type: "submit" }, "Open poll"),
    ),
    async (form) => {
      const values = formValues(form);
      const options = values.options!.split("\n").map((o) => o.trim()).filter((o) => o.length > 0);
      await live.invoke<Poll>("OpenPoll", id, values.question, options);
      form.reset();
    },
  );
  const pollList = h("div");

  const renderPolls = () => {
    const list = view!.polls;
    pollForm.hidden = !(isHost() && view!.meetup.phase !== "ended");
    if (!polls.contains(pollForm)) {
      mount(polls, h("h2", { id: "polls-title" }, "Polls"), pollList, pollForm);
    }
    mount(pollList, list.length === 0 ? h("p", { class: "muted" }, "No polls yet.") : h("ul", { class: "poll-list" }, [...list].reverse().map(pollCard)));
  };

  const pollCard = (poll: Poll) => {
    const total = poll.tallies.reduce((a, b) => a + b, 0);
    return h(
      "li",
      { class: "poll", "data-poll-id": poll.id },
      h("h3", null, poll.question, poll.closed ? h("span", { class: "tag" }, "closed") : null),
      h(
        "ul",
        { class: "poll-options" },
        poll.options.map((option, index) => {
          const votes = poll.tallies[index] ?? 0;
          const share = total === 0 ? 0 : Math.round((votes * 100) / total);
          return h(
            "li",
            null,
            h("button", { type: "button", class: "vote", disabled: poll.closed || !canAuthor(), "aria-label": `Vote ${option}`, onclick: (e: Event) => void run(() => live.invoke("Vote", id, poll.id, index), e.currentTarget as HTMLButtonElement) }, option),
            h("span", { class: "bar", style: `--share: ${share}%`, role: "img", "aria-label": `${votes} votes, ${share}%` }),
            h("span", { class: "votes" }, `${votes}`),
          );
        }),
      ),
      isHost() && !poll.closed ? h("button", { type: "button", class: "ghost", onclick: (e: Event) => void run(() => live.invoke("ClosePoll", id, poll.id), e.currentTarget as HTMLButtonElement) }, "Close poll") : null,
    );
  };

  const renderAudience = () => mount(audience, presence.render({ highlight: (m) => (m.userId === view?.meetup.hostUserId ? "host" : view?.meetup.speakers.includes(m.userId) ? "on stage" : m.userId === me.userId ? "you" : null) }));

  const chatItem = (message: ChatMessage) =>
    h("li", { "data-message-id": message.id }, h("span", { class: "name" }, message.displayName), orgBadge(message.organizationId, organizationName(message.organizationId)), h("time", { datetime: message.sentAt, class: "muted" }, new Date(message.sentAt).toLocaleTimeString(undefined, { timeStyle: "short" })), h("p", null, message.text));

  const chatForm = onSubmit(h("form", { class: "inline-form" }, field("Message", h("input", { name: "text", required: true, maxlength: 2000, autocomplete: "off" })), h("button", { type: "submit" }, "Send")), async (f) => {
    await live.invoke<ChatMessage>("SendChat", id, formValues(f).text);
    f.reset();
  });
  const chatNote = h("p", { class: "muted" });

  const renderChat = () => {
    if (!chat.contains(chatForm)) {
      mount(chat, h("h2", { id: "chat-title" }, "Chat"), chatList, chatForm, chatNote);
    }
    mount(chatList, view!.recentChat.map(chatItem));
    chatForm.hidden = !canAuthor();
    chatNote.textContent = canAuthor() ? "" : view!.meetup.phase === "ended" ? "The meetup has ended." : "Guests read the chat.";
    chatList.scrollTop = chatList.scrollHeight;
  };

  const renderAll = () => {
    renderHead();
    renderStage();
    renderPanels();
    renderHands();
    renderQuestions();
    renderPolls();
    renderAudience();
    renderChat();
  };

  // ---- events ------------------------------------------------------------------------------------------

  const updateMeetup = (meetup: Meetup) => {
    view!.meetup = meetup;
    void ensureStageNames();
    renderHead();
    renderStage();
    renderPanels();
    renderHands();
    renderQuestions();
    renderPolls();
    renderChat();
    renderAudience();
  };

  const upsert = <T extends { id: string }>(items: T[], item: T) => {
    const index = items.findIndex((i) => i.id === item.id);
    if (index >= 0) {
      items[index] = item;
    } else {
      items.push(item);
    }
  };

  const floatUp = (counts: Record<string, number>) => {
    const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
    const said: string[] = [];
    for (const [kind, count] of Object.entries(counts)) {
      const reaction = reactions.find((r) => r.kind === kind);
      if (!reaction || count <= 0) {
        continue;
      }
      said.push(`${count} ${reaction.label.toLowerCase()}`);
      for (let i = 0; i < Math.min(count, reduced ? 1 : 8); i++) {
        const bubble = h("span", { class: "float", "data-reaction": kind, style: `--x: ${10 + Math.random() * 80}%; --delay: ${i * 90}ms` }, reaction.emoji);
        bubble.addEventListener("animationend", () => bubble.remove());
        setTimeout(() => bubble.remove(), 4000);
        floats.append(bubble);
      }
    }
    reactionAnnouncer.textContent = said.join(", ");
  };

  const apply = (events: RoomEvent[]) => {
    if (!view) {
      queued?.push(...events);
      return;
    }
    if (presence.apply(events)) {
      for (const member of presence.members.values()) {
        names.set(member.userId, member);
      }
      renderAudience();
    }
    for (const event of events) {
      switch (event.type) {
        case "meetup-updated":
          updateMeetup(event.meetup);
          break;
        case "reactions-tallied":
          for (const [kind, count] of Object.entries(event.counts)) {
            view.reactionTotals[kind] = (view.reactionTotals[kind] ?? 0) + count;
          }
          renderStage();
          floatUp(event.counts);
          break;
        case "hand-raised":
          view.hands = [...view.hands.filter((x) => x.userId !== event.hand.userId), event.hand];
          names.set(event.hand.userId, event.hand);
          renderHands();
          break;
        case "hand-lowered":
          view.hands = view.hands.filter((x) => x.userId !== event.userId);
          if (event.userId === me.userId && event.outcome === "called") {
            notify("The host called on you: you are on stage.");
          }
          renderHands();
          break;
        case "question-asked":
          upsert(view.questions, event.question);
          renderQuestions();
          break;
        case "questions-updated":
          event.questions.forEach((q) => upsert(view!.questions, q));
          renderQuestions();
          break;
        case "poll-opened":
        case "poll-closed":
          upsert(view.polls, event.poll);
          renderPolls();
          break;
        case "poll-tallied": {
          const poll = view.polls.find((p) => p.id === event.pollId);
          if (poll) {
            poll.tallies = event.tallies;
            renderPolls();
          }
          break;
        }
        case "chat-posted":
          if (!view.recentChat.some((m) => m.id === event.message.id)) {
            view.recentChat.push(event.message);
            chatList.append(chatItem(event.message));
            chatList.scrollTop = chatList.scrollHeight;
          }
          break;
        default:
          break;
      }
    }
  };

  const loadView = async () => {
    const loaded = await get<MeetupView>(`/api/meetups/${encodeURIComponent(id)}`);
    if (disposed) {
      return;
    }
    view = loaded;
    for (const hand of view.hands) {
      names.set(hand.userId, hand);
    }
    renderAll();
    const pending = queued ?? [];
    queued = null;
    apply(pending);
  };

  const start = async () => {
    try {
      await live.enter(room, {
        snapshot: (snapshot, resync) => {
          presence.reset(snapshot);
          for (const member of snapshot.members) {
            names.set(member.userId, member);
          }
          if (view) {
            renderAudience();
          }
          if (resync && view) {
            // Too far behind to replay: what the room holds now comes from the meetup itself.
            void run(loadView);
          }
        },
        events: apply,
        revoked: (revoked) => {
          notify(`You are no longer in this meetup: ${revoked.reason}`, "error");
          navigate(view ? routes.community(view.meetup.communityId) : routes.communities);
        },
      });
      await loadView();
    } catch (error) {
      if (error instanceof ApiError ? error.code === "not-found" : /HubException: not-found/.test(String(error))) {
        mount(body, h("section", { class: "card" }, h("h1", null, "Meetup not found"), h("p", null, "This meetup does not exist, or it is not open to your organization."), h("a", { href: routes.communities }, "Back to communities")));
        return;
      }
      throw error;
    }
    community = await get<Community>(`/api/communities/${encodeURIComponent(view!.meetup.communityId)}`);
    renderAll();
    await ensureStageNames();
  };

  /**
   * Names of the people on stage whom neither the roster nor the hands named yet: looked up by id, never the whole
   * directory (thousands open a meetup at once, and a community may have thousands of members).
   */
  const ensureStageNames = async () => {
    if (!view || !community) {
      return;
    }
    const missing = [view.meetup.hostUserId, ...view.meetup.speakers].filter((userId) => !names.has(userId));
    if (missing.length === 0) {
      return;
    }
    const found = await get<CommunityMember[]>(`/api/communities/${encodeURIComponent(community.id)}/members?ids=${missing.map(encodeURIComponent).join(",")}`).catch(() => []);
    for (const member of found) {
      names.set(member.userId, member);
    }
    if (found.length > 0 && !disposed) {
      renderAll();
    }
  };

  const body = h(
    "div",
    { class: "meetup" },
    head,
    panels,
    h("div", { class: "layout-meetup" }, h("div", { class: "main-column" }, stage, hands, questions, polls), h("aside", { class: "side-column" }, audience, chat)),
  );
  const stopNames = onOrganizationNames(() => view && renderAll());
  void run(start);
  return {
    element: body,
    title: "Meetup",
    dispose() {
      disposed = true;
      panelsClosed?.abort();
      stopNames();
      void live.leave(room);
    },
  };
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}
