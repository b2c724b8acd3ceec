// A community's administration, for coordinators (organizations, presence policy, join policy, audit log)
// and moderators too (join requests, invitations).
import { del, get, getPage, post, put } from "../api";
import type { Community, Invitation, JoinRequest } from "../contracts";
import { organizationName } from "../organizations";
import { field, formValues, formatTime, h, orgBadge } from "../view";
import { notify, onSubmit, run } from "../ui";

interface AuditEntry { at: string; actorUserId: string; actorOrganizationId: string; action: string; subject: string; detail: string | null }

export async function adminSection(community: Community, on: { changed: () => Promise<void>; membersChanged: () => Promise<void> }): Promise<HTMLElement> {
  const base = `/api/communities/${encodeURIComponent(community.id)}`;
  const coordinator = community.viewerRole === "coordinator";
  const [requests, invitations] = await Promise.all([get<JoinRequest[]>(`${base}/requests`), get<Invitation[]>(`${base}/invitations`)]);

  const requestList =
    requests.length === 0
      ? h("p", { class: "muted" }, "No pending requests.")
      : h(
          "ul",
          { class: "member-list" },
          requests.map((r) =>
            h(
              "li",
              { "data-user-id": r.userId },
              h("span", { class: "name" }, r.displayName),
              orgBadge(r.organizationId, organizationName(r.organizationId)),
              h("span", { class: "controls" },
                h("button", { type: "button", class: "primary", onclick: (e: Event) => void run(async () => { await post(`${base}/requests/${encodeURIComponent(r.userId)}/approve`); await on.changed(); }, e.currentTarget as HTMLButtonElement) }, "Approve"),
                h("button", { type: "button", onclick: (e: Event) => void run(async () => { await post(`${base}/requests/${encodeURIComponent(r.userId)}/refuse`); await on.changed(); }, e.currentTarget as HTMLButtonElement) }, "Refuse"),
              ),
            ),
          ),
        );

  const invite = onSubmit(
    h(
      "form",
      { class: "stack" },
      h("h3", null, "Invite someone"),
      field("User id", h("input", { name: "userId", required: true, pattern: "[a-z0-9\\-]{1,64}" })),
      field("Their organization", h("select", { name: "organizationId", required: true }, community.admittedOrganizations.map((o) => h("option", { value: o }, organizationName(o))))),
      h("button", { type: "submit" }, "Invite"),
      invitations.length > 0 ? h("p", { class: "muted" }, `Pending: ${invitations.map((i) => `${i.userId} (${i.organizationId})`).join(", ")}`) : null,
    ),
    async (form) => {
      const { userId, organizationId } = formValues(form);
      await post(`${base}/invitations`, { userId, organizationId });
      notify(`${userId} is invited.`);
      await on.changed();
    },
  );

  const parts: HTMLElement[] = [h("h3", null, "Join requests"), requestList, invite];

  if (coordinator) {
    const organizations = h(
      "ul",
      { class: "member-list" },
      community.organizations.map((o) => {
        const policy = h(
          "select",
          { "aria-label": `Presence of ${organizationName(o.organizationId)}` },
          h("option", { value: "named", selected: o.presence === "named" }, "shown by name"),
          h("option", { value: "counted", selected: o.presence === "counted" }, "only counted"),
        );
        policy.addEventListener("change", () => void run(async () => { await put(`${base}/organizations/${encodeURIComponent(o.organizationId)}/presence`, { presence: policy.value }); await on.changed(); }));
        return h(
          "li",
          { "data-org": o.organizationId },
          orgBadge(o.organizationId, organizationName(o.organizationId)),
          o.sponsoring ? h("span", { class: "tag" }, "sponsor") : null,
          h("span", { class: "controls" },
            policy,
            o.sponsoring
              ? null
              : h("button", {
                  type: "button",
                  class: "ghost danger",
                  "aria-label": `Withdraw ${organizationName(o.organizationId)}`,
                  onclick: (e: Event) => void run(async () => {
                    if (confirm(`Withdraw ${organizationName(o.organizationId)}? Its members stop being members.`)) {
                      await del(`${base}/organizations/${encodeURIComponent(o.organizationId)}`);
                      await on.changed();
                    }
                  }, e.currentTarget as HTMLButtonElement),
                }, "Withdraw"),
          ),
        );
      }),
    );

    const admit = onSubmit(
      h(
        "form",
        { class: "stack" },
        h("h3", null, "Admit an organization"),
        field("Organization id", h("input", { name: "organizationId", required: true, pattern: "[a-z0-9\\-]{1,64}", placeholder: "contoso", autocapitalize: "none" })),
        field("Its members are", h("select", { name: "presence" }, h("option", { value: "named" }, "shown by name"), h("option", { value: "counted" }, "only counted"))),
        h("button", { type: "submit" }, "Admit"),
      ),
      async (form) => {
        const { organizationId, presence } = formValues(form);
        await post(`${base}/organizations`, { organizationId, presence });
        notify(`${organizationId} is admitted.`);
        await on.changed();
      },
    );

    const joinPolicy = h(
      "select",
      { "aria-label": "Who may join" },
      h("option", { value: "open", selected: community.joinPolicy === "open" }, "Open to admitted organizations"),
      h("option", { value: "approval", selected: community.joinPolicy === "approval" }, "By request and approval"),
      h("option", { value: "invitation", selected: community.joinPolicy === "invitation" }, "By invitation only"),
    );
    joinPolicy.addEventListener("change", () => void run(async () => { await put(`${base}/join-policy`, { joinPolicy: joinPolicy.value }); await on.changed(); }));

    // The audit log, newest first, 100 entries at a time: a community of thousands logs every join and role change.
    const auditPage = 100;
    const audit = h("details", null, h("summary", null, "Audit log (newest first)"));
    const auditList = h("ol", { class: "audit" });
    const auditMore = h("div");
    let auditShown = 0;
    const loadAudit = async () => {
      const page = await getPage<AuditEntry>(`${base}/audit?order=newest&offset=${auditShown}&limit=${auditPage}`);
      auditShown += page.items.length;
      auditList.append(...page.items.map((a) => h("li", null, h("time", { datetime: a.at }, formatTime(a.at)), ` ${a.actorUserId} · ${a.action} · ${a.subject}${a.detail ? ` (${a.detail})` : ""}`)));
      const older = auditShown < page.total ? h("button", { type: "button", class: "ghost", id: "older-audit" }, `Show older (${page.total - auditShown} more)`) : null;
      older?.addEventListener("click", () => void run(loadAudit, older));
      auditMore.replaceChildren(...(older ? [older] : []));
    };
    audit.addEventListener("toggle", () => {
      if (audit.open && audit.childElementCount === 1) {
        audit.append(auditList, auditMore);
        void run(loadAudit);
      }
    }, { once: false });

    parts.unshift(h("h3", null, "Organizations"), organizations, admit, field("Joining", joinPolicy));
    parts.push(audit);
  }

  return h("section", { class: "card admin", "aria-labelledby": "admin-title" }, h("h2", { id: "admin-title" }, "Coordination"), parts);
}
