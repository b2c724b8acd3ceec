// A thread's page: its posts (the server's safe HTML), replies, reactions (toggle; counts live), accepting an
// answer (the asker, moderators, coordinators), following, and live updates from the room "thread:{id}".
import { ApiError, del, get, put } from "../api";
import type { Community, RoomEvent } from "../contracts";
import { live } from "../live";
import { organizationName } from "../organizations";
import { session } from "../session";
import { field, formatTime, h, mount, orgBadge } from "../view";
import { navigate, notify, onSubmit, routes, run, type Screen } from "../ui";
import { postReactions, type Post, type ReactionResult, type ThreadEvent, type ThreadSummary, type ThreadView } from "./contracts";

export function threadScreen(id: string): Screen {
  const me = session.me!;
  const room = `thread:${id}`;
  const posts = new Map<string, Post>();
  let view: ThreadView | null = null;
  let community: Community | null = null;
  let replyTo: string | null = null;
  let disposed = false;

  const head = h("header", { class: "page-head" });
  const list = h("ol", { class: "post-list", "aria-label": "Posts" });
  const replyingTo = h("p", { class: "muted", hidden: true });
  const body = h("textarea", { name: "body", required: true, maxlength: 20000, rows: 4 });
  const replyForm = onSubmit(
    h("form", { class: "stack card", "aria-labelledby": "reply-title" }, h("h2", { id: "reply-title" }, "Reply"), replyingTo, field("Your reply", body, "Markdown; @userId mentions notify that member."), h("button", { type: "submit", class: "primary" }, "Post reply")),
    async () => {
      const added = await live.invoke<Post>("AddPost", id, body.value, replyTo);
      upsert(added);
      body.value = "";
      setReplyTo(null);
    },
  );

  const thread = () => view!.thread;
  const mayAccept = () =>
    thread().kind === "question" && (thread().authorUserId === me.userId || community?.viewerRole === "moderator" || community?.viewerRole === "coordinator");
  const mayPost = () => !!community?.viewerRole && community.viewerRole !== "guest";

  const setReplyTo = (postId: string | null) => {
    replyTo = postId;
    const target = postId ? posts.get(postId) : null;
    replyingTo.hidden = !target;
    mount(replyingTo, target ? [`Replying to ${target.authorName} `, h("button", { type: "button", class: "ghost", onclick: () => setReplyTo(null) }, "Cancel")] : []);
  };

  const renderHead = () => {
    const t = thread();
    mount(
      head,
      h("a", { href: routes.community(t.communityId), class: "back" }, `← ${community?.name ?? "Community"}`),
      h("h1", null, t.title),
      h(
        "p",
        { class: "meta" },
        h("span", { class: `tag kind-${t.kind}`, "data-testid": "thread-kind" }, t.kind === "question" ? (t.acceptedPostId ? "answered question" : "open question") : "discussion"),
        t.audience ? h("span", { class: "tag" }, `only ${t.audience.organizations.map(organizationName).join(", ")}`) : null,
        ` started by ${t.authorName} `,
        orgBadge(t.authorOrganizationId, organizationName(t.authorOrganizationId)),
        ` · ${formatTime(t.createdAt)} `,
        h(
          "button",
          {
            type: "button",
            class: "ghost",
            "aria-pressed": String(view!.viewerFollows),
            onclick: (e: Event) =>
              void run(async () => {
                const path = `/api/threads/${encodeURIComponent(id)}/follow`;
                view = { ...view!, thread: view!.viewerFollows ? await del<ThreadSummary>(path) : await put<ThreadSummary>(path), viewerFollows: !view!.viewerFollows };
                renderHead();
              }, e.currentTarget as HTMLButtonElement),
          },
          view!.viewerFollows ? "Following" : "Follow",
        ),
      ),
    );
  };

  const renderPosts = () => mount(list, [...posts.values()].map(postItem));

  const postItem = (p: Post) => {
    const accepted = thread().acceptedPostId === p.id;
    const mine = view!.viewerReactions[p.id] ?? [];
    const parent = p.replyTo ? posts.get(p.replyTo) : null;
    return h(
      "li",
      { class: `post${accepted ? " accepted" : ""}${p.removed ? " removed" : ""}`, "data-post-id": p.id, id: `post-${p.id}` },
      h(
        "div",
        { class: "post-head" },
        h("span", { class: "name" }, p.authorName),
        orgBadge(p.authorOrganizationId, organizationName(p.authorOrganizationId)),
        h("span", { class: "muted" }, ` ${formatTime(p.createdAt)}${p.editedAt ? " (edited)" : ""}`),
        parent ? h("a", { class: "muted reply-of", href: `#post-${parent.id}`, onclick: (e: Event) => (e.preventDefault(), document.getElementById(`post-${parent.id}`)?.scrollIntoView()) }, ` ↩ ${parent.authorName}`) : null,
        accepted ? h("span", { class: "tag accepted-tag", "data-testid": "accepted" }, p.crossOrganization ? "✓ Accepted answer, across organizations" : "✓ Accepted answer") : null,
      ),
      p.removed
        ? h("p", { class: "muted" }, `Removed: ${p.removed.reason}`)
        : postHtml(p.html),
      p.removed
        ? null
        : h(
            "div",
            { class: "post-actions", role: "group", "aria-label": `Reactions to ${p.authorName}'s post` },
            postReactions.map((r) => {
              const count = p.reactions[r.code] ?? 0;
              const pressed = mine.includes(r.code);
              return h(
                "button",
                {
                  type: "button",
                  class: `reaction-toggle${pressed ? " pressed" : ""}`,
                  "aria-pressed": String(pressed),
                  "aria-label": `${r.label}: ${count}`,
                  title: r.label,
                  "data-emoji": r.code,
                  onclick: (e: Event) => void run(() => react(p.id, r.code), e.currentTarget as HTMLButtonElement),
                },
                r.emoji,
                count > 0 ? h("span", { class: "count" }, String(count)) : null,
              );
            }),
            mayPost() ? h("button", { type: "button", class: "ghost", onclick: () => (setReplyTo(p.id), body.focus()) }, "Reply") : null,
            mayAccept() && p.id !== "p1" && !accepted
              ? h("button", { type: "button", class: "ghost", onclick: (e: Event) => void run(() => accept(p.id), e.currentTarget as HTMLButtonElement) }, "Accept answer")
              : null,
          ),
    );
  };

  const react = async (postId: string, emoji: string) => {
    const result = await live.invoke<ReactionResult>("ReactToPost", id, postId, emoji);
    const mine = new Set(view!.viewerReactions[postId] ?? []);
    if (result.reacted) {
      mine.add(emoji);
    } else {
      mine.delete(emoji);
    }
    view!.viewerReactions[postId] = [...mine];
    const target = posts.get(postId);
    if (target) {
      posts.set(postId, { ...target, reactions: { ...target.reactions, [emoji]: result.count } });
    }
    renderPosts();
  };

  const accept = async (postId: string) => {
    view = { ...view!, thread: await live.invoke<ThreadSummary>("AcceptAnswer", id, postId) };
    renderHead();
    renderPosts();
  };

  const upsert = (p: Post) => {
    posts.set(p.id, p);
    renderPosts();
  };

  const apply = (events: RoomEvent[]) => {
    for (const raw of events) {
      const event = raw as unknown as ThreadEvent;
      switch (event.type) {
        case "post-added":
        case "post-edited":
        case "post-removed": {
          const known = posts.has(event.post.id);
          posts.set(event.post.id, event.post);
          if (event.type === "post-added" && !known) {
            view = { ...view!, thread: { ...thread(), postCount: thread().postCount + 1, lastActivityAt: event.post.createdAt } };
          }
          break;
        }
        case "answer-accepted":
          view = { ...view!, thread: { ...thread(), acceptedPostId: event.postId, acceptedCrossOrganization: event.crossOrganization } };
          renderHead();
          break;
        case "post-reactions-tallied":
          for (const [postId, counts] of Object.entries(event.posts)) {
            const target = posts.get(postId);
            if (target) {
              posts.set(postId, { ...target, reactions: counts });
            }
          }
          break;
        default:
          continue;
      }
    }
    renderPosts();
  };

  const load = async () => {
    view = await get<ThreadView>(`/api/threads/${encodeURIComponent(id)}`);
    community ??= await get<Community>(`/api/communities/${encodeURIComponent(view.thread.communityId)}`);
    if (disposed) {
      return;
    }
    posts.clear();
    for (const p of view.posts) {
      posts.set(p.id, p);
    }
    renderHead();
    renderPosts();
    replyForm.hidden = !mayPost();
  };

  const start = async () => {
    try {
      await load();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        mount(head, h("a", { href: routes.communities, class: "back" }, "← Communities"), h("h1", null, "Thread not found"), h("p", null, "There is no such thread, or it is not shared with your organization."));
        list.remove();
        replyForm.remove();
        return;
      }
      throw error;
    }
    await live.enter(room, {
      // On entering, and whenever the room cannot replay what was missed: read the thread again.
      snapshot: (_snapshot, resync) => void (resync ? run(load) : undefined),
      events: apply,
      revoked: (revoked) => {
        notify(`You can no longer read this thread: ${revoked.reason}`, "error");
        navigate(routes.communities);
      },
    });
    // Events that landed between GET and EnterRoom are covered: the room replays from the snapshot's seq and
    // posts are keyed by id, so a second read closes the small window between the two.
    await load();
  };

  void run(start);
  return {
    element: h("div", { class: "thread-page" }, head, list, replyForm),
    title: "Thread",
    dispose() {
      disposed = true;
      void live.leave(room);
    },
  };
}

/** The server renders posts to safe HTML (raw HTML escaped, unsafe link schemes neutralised): shown as is. */
function postHtml(html: string): HTMLElement {
  const element = h("div", { class: "post-body" });
  element.innerHTML = html;
  return element;
}
