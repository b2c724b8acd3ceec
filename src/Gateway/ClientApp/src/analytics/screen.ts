// A community's analytics (issue 8): what a coordinator puts in front of sponsors. A window picker (days, as of,
// weekly points), then participation levels and their weekly trend, the organization-to-organization flow of
// answers, responsiveness, open questions, meetups, documents and the sponsor's table, each with a CSV download.
// Everything comes from GET /api/communities/{id}/analytics; member-level rows appear only when the server
// returns them (it applies the privacy rules, docs/analytics.md).
import "./analytics.css";
import { ApiError, get } from "../api";
import type { Community, CommunityMember } from "../contracts";
import { onOrganizationNames, organizationName } from "../organizations";
import { session } from "../session";
import { field, formValues, h, mount, orgBadge, type Child } from "../view";
import { notify, onSubmit, routes, run, type Screen } from "../ui";
import { heatTable, partsBar, stackedBars, type Series } from "./charts";
import type { AnalyticsReport, CsvTable, DurationStats, LevelCounts } from "./contracts";

/** The page's address: #/communities/{id}/analytics. */
export const analyticsRoute = (communityId: string) => `${routes.community(communityId)}/analytics`;

const levelSeries: Series[] = [
  { key: "core", label: "Core", className: "level-core" },
  { key: "active", label: "Active", className: "level-active" },
  { key: "peripheral", label: "Peripheral", className: "level-peripheral" },
];

const attendanceSeries: Series[] = [
  { key: "firstTime", label: "First-time", className: "first-time" },
  { key: "returning", label: "Returning", className: "returning" },
];

const ageLabels: Record<string, string> = {
  "under-1-day": "Under a day",
  "1-to-7-days": "1 to 7 days",
  "7-to-30-days": "7 to 30 days",
  "over-30-days": "Over 30 days",
};

interface Query { days: string; asOf: string; weeks: string }

export function analyticsScreen(id: string): Screen {
  const base = `/api/communities/${encodeURIComponent(id)}`;
  const header = h("header", { class: "page-head" }, h("a", { href: routes.community(id), class: "back" }, "← Community"), h("h1", null, "Analytics"));
  const summary = h("p", { class: "meta", "data-testid": "analytics-window", "aria-live": "polite" });
  const body = h("div", { class: "analytics-body", "aria-busy": "true" });
  const query: Query = { days: "30", asOf: "", weeks: "8" };
  let report: AnalyticsReport | null = null;
  let names = new Map<string, string>();
  let disposed = false;

  const picker = onSubmit(
    h(
      "form",
      { class: "row window-picker", "aria-label": "Window" },
      field("Days", h("input", { name: "days", type: "number", min: 1, max: 366, required: true, value: query.days }), "Whole UTC days, 1 to 366"),
      field("As of", h("input", { name: "asOf", type: "date", value: query.asOf }), "Empty: today"),
      field("Weekly points", h("input", { name: "weeks", type: "number", min: 1, max: 52, required: true, value: query.weeks }), "1 to 52"),
      h("button", { type: "submit", class: "primary" }, "Show"),
    ),
    async (form) => {
      const values = formValues(form);
      Object.assign(query, { days: values.days ?? "30", asOf: values.asOf ?? "", weeks: values.weeks ?? "8" });
      await load();
    },
  );

  const parameters = () => {
    const search = new URLSearchParams({ days: query.days, weeks: query.weeks });
    if (query.asOf) {
      search.set("asOf", query.asOf);
    }
    return search;
  };

  const load = async () => {
    body.setAttribute("aria-busy", "true");
    try {
      const [next, members] = await Promise.all([
        get<AnalyticsReport>(`${base}/analytics?${parameters()}`),
        get<CommunityMember[]>(`${base}/members`).catch(() => [] as CommunityMember[]),
      ]);
      if (disposed) {
        return;
      }
      report = next;
      names = new Map(members.map((m) => [m.userId, m.displayName]));
      render();
    } catch (error) {
      if (error instanceof ApiError && (error.code === "forbidden" || error.code === "not-found")) {
        mount(body, h("section", { class: "card" }, h("p", null, `${error.message} (${error.code})`)));
        return;
      }
      throw error;
    } finally {
      body.setAttribute("aria-busy", "false");
    }
  };

  const org = (organizationId: string) => orgBadge(organizationId, organizationName(organizationId));
  const person = (userId: string) => names.get(userId) ?? userId;

  const csvButton = (table: CsvTable, title: string) =>
    h(
      "button",
      {
        type: "button",
        class: "ghost csv",
        "data-csv": table,
        "aria-label": `Download ${title} as CSV`,
        onclick: (e: Event) => void run(() => downloadCsv(table), e.currentTarget as HTMLButtonElement),
      },
      "CSV",
    );

  const downloadCsv = async (table: CsvTable) => {
    const search = parameters();
    search.set("table", table);
    const response = await fetch(`${base}/analytics/csv?${search}`, { headers: { Authorization: `Bearer ${session.token ?? ""}` } });
    if (!response.ok) {
      const error = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
      throw new ApiError(error?.code ?? `http-${response.status}`, error?.message ?? `The server answered ${response.status}.`, response.status);
    }
    const url = URL.createObjectURL(await response.blob());
    const link = h("a", { href: url, download: `${id}-${table}.csv`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    notify(`The ${table} table is downloading.`);
  };

  const section = (key: string, title: string, csv: CsvTable | null, ...children: Child[]) =>
    h(
      "section",
      { class: "card analytics-section", "data-section": key, "aria-labelledby": `analytics-${key}` },
      h("div", { class: "section-head" }, h("h2", { id: `analytics-${key}` }, title), csv ? csvButton(csv, title) : null),
      children,
    );

  const table = (caption: string, columns: string[], rows: Child[][], props: Record<string, string> = {}) =>
    rows.length === 0
      ? h("p", { class: "muted" }, `${caption}: nothing in this window.`)
      : h(
          "div",
          { class: "table-scroll", tabindex: "0", role: "region", "aria-label": caption },
          h(
            "table",
            props,
            h("caption", null, caption),
            h("thead", null, h("tr", null, columns.map((c) => h("th", { scope: "col" }, c)))),
            h("tbody", null, rows.map((cells) => h("tr", null, cells.map((cell, index) => (index === 0 ? h("th", { scope: "row" }, cell) : h("td", null, cell)))))),
          ),
        );

  const levelsText = (levels: LevelCounts) => `core ${levels.core}, active ${levels.active}, peripheral ${levels.peripheral}, inactive ${levels.inactive}`;

  const participation = (r: AnalyticsReport) => {
    const p = r.participation;
    const memberRows = p.members.map((m) => [
      person(m.userId),
      org(m.organizationId),
      h("span", { class: `tag level level-${m.level}` }, m.level),
      m.contributions,
      m.meetupsAttended,
      m.answersGiven,
      m.acceptedAnswers,
      h("span", { class: "weekly" }, m.weekly.map((level) => h("span", { class: `dot level-${level}`, title: level }, level[0]!.toUpperCase()))),
    ]);
    return section(
      "participation",
      "Participation",
      "levels",
      h(
        "ul",
        { class: "figures" },
        (["core", "active", "peripheral", "inactive"] as const).map((level) => h("li", { "data-level": level }, h("strong", null, p.levels[level]), ` ${level}`)),
      ),
      h("p", { class: "muted" }, `Core: at least ${r.thresholds.coreContributions} contributions in the window; active: at least ${r.thresholds.activeContributions}; peripheral: at least one, or attended a meetup.`),
      h("h3", null, "Levels week by week"),
      stackedBars(
        `Members per level at each of ${p.weeks.length} weekly points: ${p.weeks.map((w) => `${w.day.slice(0, 10)} ${levelsText(w.levels)}`).join("; ")}`,
        levelSeries,
        p.weeks.map((w) => ({ label: w.day.slice(5, 10), values: { ...w.levels } })),
      ),
      h("h3", null, "Levels per organization"),
      table(
        "Levels per organization",
        ["Organization", "Levels", "Core", "Active", "Peripheral", "Inactive"],
        p.byOrganization.map((o) => [org(o.organizationId), partsBar(`${organizationName(o.organizationId)}: ${levelsText(o.levels)}`, levelSeries, { ...o.levels }), o.levels.core, o.levels.active, o.levels.peripheral, o.levels.inactive]),
        { "data-testid": "levels-by-organization" },
      ),
      h("div", { class: "section-head" }, h("h3", null, r.memberDetail === "all" ? "Members" : "You"), p.members.length > 0 ? csvButton("members", "Members") : null),
      p.members.length === 0
        ? h("p", { class: "muted", "data-testid": "no-member-rows" }, "No member-level figures for you in this window.")
        : table(
            r.memberDetail === "all" ? "Members (coordinators see every member whose organization allows it)" : "Your own figures (member-level figures of others are for coordinators)",
            ["Member", "Organization", "Level", "Contributions", "Meetups", "Answers", "Accepted", "Week by week"],
            memberRows,
            { "data-testid": "member-rows", "data-member-detail": r.memberDetail },
          ),
    );
  };

  const flow = (r: AnalyticsReport) => {
    const k = r.knowledgeFlow;
    const organizations = [...new Set([...k.organizations.map((o) => o.organizationId), ...k.flows.flatMap((f) => [f.fromOrganizationId, f.toOrganizationId])])].sort();
    const cross = k.flows.filter((f) => f.fromOrganizationId !== f.toOrganizationId);
    return section(
      "flow",
      "Knowledge flow between organizations",
      "flows",
      h(
        "p",
        null,
        cross.length === 0
          ? "No answer crossed organizations in this window."
          : `${count(cross.reduce((sum, f) => sum + f.answers, 0), "answer")} and ${count(cross.reduce((sum, f) => sum + f.acceptedAnswers, 0), "accepted answer")} crossed organizations.`,
      ),
      organizations.length === 0
        ? h("p", { class: "muted" }, "No question or answer in this window.")
        : heatTable("Answers and accepted answers, from the answerers' organization to the askers'", organizations, org, (from, to) => k.flows.find((f) => f.fromOrganizationId === from && f.toOrganizationId === to) ?? null),
      h("ul", { class: "flow-list", "data-testid": "flows" }, k.flows.map((f) => h("li", { "data-from": f.fromOrganizationId, "data-to": f.toOrganizationId }, org(f.fromOrganizationId), " helped ", org(f.toOrganizationId), `: ${f.answers} ${f.answers === 1 ? "answer" : "answers"}, ${f.acceptedAnswers} accepted`, f.fromOrganizationId === f.toOrganizationId ? h("span", { class: "tag" }, "inside the organization") : null))),
      h("div", { class: "section-head" }, h("h3", null, "Questions per organization"), csvButton("questions", "Questions per organization")),
      table(
        "Questions asked and answers given per organization",
        ["Organization", "Asked", "Answered", "Accepted", "Answers given", "Accepted answers given"],
        k.organizations.map((o) => [org(o.organizationId), o.questionsAsked, o.questionsAnswered, o.questionsAccepted, o.answersGiven, o.acceptedAnswersGiven]),
        { "data-testid": "questions-by-organization" },
      ),
    );
  };

  const responsiveness = (r: AnalyticsReport) => {
    const k = r.knowledgeFlow;
    const row = (label: string, stats: DurationStats) => [label, stats.count, duration(stats.medianSeconds), duration(stats.p90Seconds)];
    const max = Math.max(1, ...k.openQuestions.byAge.map((a) => a.open));
    return section(
      "responsiveness",
      "Responsiveness",
      null,
      table(
        "Time to answer, over the questions asked in the window",
        ["", "Questions", "Median", "90th percentile"],
        [
          row("First answer", k.timeToFirstAnswer),
          row("First answer from another organization", k.timeToFirstAnswerAcrossOrganizations),
          row("Accepted answer", k.timeToAcceptedAnswer),
          row("Accepted answer from another organization", k.timeToAcceptedAnswerAcrossOrganizations),
        ],
        { "data-testid": "time-to-answer" },
      ),
      h("h3", null, `Open questions: ${k.openQuestions.open} (${k.openQuestions.unanswered} without any answer)`),
      h(
        "ul",
        { class: "age-bars", "data-testid": "open-questions" },
        k.openQuestions.byAge.map((a) =>
          h(
            "li",
            { "data-age": a.age },
            h("span", null, ageLabels[a.age] ?? a.age),
            h("span", { class: "bar", style: `--share: ${((a.open / max) * 100).toFixed(0)}%`, "aria-hidden": "true" }),
            h("span", null, `${a.open} open, ${a.unanswered} unanswered`),
          ),
        ),
      ),
    );
  };

  const meetups = (r: AnalyticsReport) => {
    const m = r.meetups;
    return section(
      "meetups",
      "Meetups",
      "meetups",
      h("p", null, `${m.meetups} ${m.meetups === 1 ? "meetup" : "meetups"}, ${m.attendances} attendances (${m.firstTime} first-time, ${m.returning} returning), ${m.questionsAsked} audience questions asked, ${m.questionsAnswered} answered.`),
      m.perMeetup.length === 0
        ? null
        : stackedBars(
            `First-time and returning attendees per meetup: ${m.perMeetup.map((x) => `${x.title} ${x.firstTime} first-time, ${x.returning} returning`).join("; ")}`,
            attendanceSeries,
            m.perMeetup.map((x) => ({ label: x.title, values: { firstTime: x.firstTime, returning: x.returning } })),
          ),
      table(
        "Attendance per meetup",
        ["Meetup", "Attendees", "First-time", "Returning", "By organization", "Questions", "Answered", "Speakers"],
        m.perMeetup.map((x) => [x.title, x.attendees, x.firstTime, x.returning, Object.entries(x.byOrganization).map(([o, n]) => h("span", { class: "pair" }, org(o), ` ${n}`)), x.questionsAsked, x.questionsAnswered, x.speakers]),
      ),
      table("Attendance per organization", ["Organization", "Attendances", "Attendees", "Talks"], m.byOrganization.map((o) => [org(o.organizationId), o.attendances, o.attendees, o.talks])),
    );
  };

  const documents = (r: AnalyticsReport) => {
    const d = r.documents;
    return section(
      "documents",
      "Document contributors",
      "documents",
      table("Contributions per organization", ["Organization", "Documents", "Contributors", "Sessions"], d.byOrganization.map((o) => [org(o.organizationId), o.documents, o.contributors, o.sessions])),
      table(
        "Contributors per document",
        ["Document", "Contributors", "Sessions", "By organization", ...(r.memberDetail === "all" || d.perDocument.some((x) => x.contributorUserIds.length > 0) ? ["Members"] : [])],
        d.perDocument.map((x) => [
          x.documentId,
          x.contributors,
          x.sessions,
          Object.entries(x.contributorsByOrganization).map(([o, n]) => h("span", { class: "pair" }, org(o), ` ${n}`)),
          ...(r.memberDetail === "all" || d.perDocument.some((y) => y.contributorUserIds.length > 0) ? [x.contributorUserIds.map(person).join(", ")] : []),
        ]),
      ),
    );
  };

  const sponsors = (r: AnalyticsReport) =>
    section(
      "organizations",
      "What each organization gave and received",
      "organizations",
      table(
        "The sponsor's view: what each organization's members gave and received in the window",
        ["Organization", "Members", "Answers given", "to others", "accepted by others", "Documents", "Sessions", "Talks", "Questions asked", "Answers received", "Accepted received", "Meetup attendances"],
        r.organizations.map((o) => [
          h("span", null, org(o.organizationId), o.sponsoring ? h("span", { class: "tag" }, "sponsor") : null),
          o.members,
          o.answersGiven,
          o.answersGivenToOthers,
          o.acceptedAnswersGivenToOthers,
          o.documentsContributed,
          o.documentSessions,
          o.talks,
          o.questionsAsked,
          o.answersReceivedFromOthers,
          o.acceptedAnswersReceivedFromOthers,
          o.meetupAttendances,
        ]),
        { "data-testid": "sponsor-table" },
      ),
    );

  const render = () => {
    const r = report;
    if (!r) {
      return;
    }
    summary.textContent = `${r.days} ${r.days === 1 ? "day" : "days"} from ${r.from.slice(0, 10)} to ${new Date(Date.parse(r.to) - 1).toISOString().slice(0, 10)} (UTC) · ${r.eventsApplied} events applied${r.rebuiltAt ? ` · rebuilt ${r.rebuiltAt.slice(0, 16).replace("T", " ")}` : ""}`;
    mount(body, participation(r), flow(r), responsiveness(r), meetups(r), documents(r), sponsors(r));
  };

  const stopNames = onOrganizationNames(render);
  void get<Community>(base)
    .then((community) => {
      if (!disposed) {
        mount(header, h("a", { href: routes.community(id), class: "back" }, `← ${community.name}`), h("h1", null, `Analytics of ${community.name}`));
        header.append(summary);
      }
    })
    .catch(() => {});
  header.append(summary);
  void run(load);
  return {
    element: h("div", { class: "analytics" }, header, h("section", { class: "card" }, picker), body),
    title: "Analytics",
    dispose() {
      disposed = true;
      stopNames();
    },
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** A duration in words a sponsor reads: "45 s", "12 min", "3.5 h", "2.1 days"; "none" without figures. */
export function duration(seconds: number | null): string {
  if (seconds === null) {
    return "none";
  }
  if (seconds < 60) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min`;
  }
  if (seconds < 86400) {
    return `${(seconds / 3600).toFixed(1)} h`;
  }
  return `${(seconds / 86400).toFixed(1)} days`;
}
