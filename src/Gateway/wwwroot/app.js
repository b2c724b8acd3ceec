// The foundation's small page: development sign-in, communities, and live presence in a community's room.
// Each tab keeps its own token (sessionStorage), so two tabs can be two members of two organizations.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem("coplive.token"), me: null, connection: null, room: null, seq: 0, epoch: null, members: new Map(), counts: new Map() };

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { "Content-Type": "application/json", ...(state.token ? { Authorization: `Bearer ${state.token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(data?.message ? `${data.code}: ${data.message}` : `HTTP ${response.status}`);
  }
  return data;
}

function showError(error) { $("error").textContent = error ? String(error.message ?? error) : ""; }

function slug(text) { return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "member"; }

function show(section) {
  for (const id of ["signin", "communities", "room"]) { $(id).hidden = id !== section; }
}

async function signIn(displayName, organizationId) {
  const userId = `${slug(displayName)}-${Math.random().toString(36).slice(2, 8)}`;
  const { token } = await api("POST", "/api/dev/token", { userId, displayName, organizationId });
  state.token = token;
  sessionStorage.setItem("coplive.token", token);
  sessionStorage.setItem("coplive.me", JSON.stringify({ userId, displayName, organizationId }));
  await start();
}

async function start() {
  state.me = JSON.parse(sessionStorage.getItem("coplive.me") ?? "null");
  $("who").textContent = state.me ? `${state.me.displayName} · ${state.me.organizationId}` : "";
  await connect();
  await listCommunities();
  show("communities");
}

async function connect() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live", { accessTokenFactory: () => state.token })
    .withAutomaticReconnect()
    .build();
  connection.on("RoomEvents", onRoomEvents);
  connection.on("AccessRevoked", onAccessRevoked);
  connection.onreconnecting(() => setOnline(false));
  connection.onreconnected(async () => { setOnline(true); if (state.room) { await resumeRoom(state.room.id); } });
  connection.onclose(() => setOnline(false));
  await connection.start();
  state.connection = connection;
  setOnline(true);
}

function setOnline(online) {
  $("connection").textContent = online ? "online" : "offline";
  $("connection").classList.toggle("online", online);
}

async function listCommunities() {
  const communities = await api("GET", "/api/communities");
  const list = $("community-list");
  list.replaceChildren();
  if (communities.length === 0) { list.append(Object.assign(document.createElement("li"), { textContent: "None yet: create one." })); }
  for (const community of communities) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.textContent = community.viewerRole ? "Enter" : community.viewerStatus === "invited" ? "Accept invitation"
      : community.viewerStatus === "requested" ? "Requested" : community.joinPolicy === "approval" ? "Ask to join" : "Join";
    button.disabled = community.viewerStatus === "requested" || (!community.viewerRole && community.viewerStatus !== "invited" && community.joinPolicy === "invitation");
    button.addEventListener("click", () => run(async () => {
      if (!community.viewerRole) {
        const joined = await api("POST", `/api/communities/${community.id}/join`);
        if (joined.status === "requested") { showError({ message: "Your request was sent; a coordinator or moderator will approve it." }); await listCommunities(); return; }
      }
      await openCommunity(community.id);
    }));
    item.append(`${community.name} — ${community.domain} (${community.memberCount} members, ${community.admittedOrganizations.join(", ")}) `, button);
    list.append(item);
  }
}

async function openCommunity(id) {
  const community = await api("GET", `/api/communities/${id}`);
  state.room = community;
  $("room-title").textContent = community.name;
  $("room-domain").textContent = `${community.domain}. Organizations: ${community.admittedOrganizations.join(", ")}. You are ${community.viewerRole}.`;
  $("admit-form").hidden = community.viewerRole !== "coordinator";
  show("room");
  await enterRoom(id);
}

// After a reconnect or a gap: the events missed since our last sequence number, or a fresh snapshot.
async function resumeRoom(id) {
  const entry = await state.connection.invoke("ResumeRoom", `community:${id}`, state.epoch ?? "", state.seq);
  if (!entry.resumed) { applySnapshot(entry.snapshot); return; }
  onRoomEvents({ room: `community:${id}`, epoch: state.epoch, events: entry.missed });
}

async function enterRoom(id) {
  applySnapshot(await state.connection.invoke("EnterRoom", `community:${id}`));
}

function applySnapshot(snapshot) {
  state.epoch = snapshot.epoch;
  state.seq = snapshot.seq;
  state.members = new Map(snapshot.members.map((m) => [m.userId, m]));
  state.counts = new Map(Object.entries(snapshot.countsByOrganization));
  state.rosterComplete = snapshot.rosterComplete;
  renderPresence();
}

async function onAccessRevoked(revoked) {
  if (!state.room || revoked.room !== `community:${state.room.id}`) { return; }
  state.room = null;
  await listCommunities().catch(() => {});
  show("communities");
  showError({ message: `${revoked.code}: ${revoked.reason}` });
}

function onRoomEvents(batch) {
  if (!state.room || batch.room !== `community:${state.room.id}`) { return; }
  if (batch.epoch !== state.epoch) { enterRoom(state.room.id).catch(showError); return; }
  for (const event of batch.events) {
    if (event.seq <= state.seq) { continue; }
    if (event.seq !== state.seq + 1) { resumeRoom(state.room.id).catch(showError); return; }
    state.seq = event.seq;
    if (event.type === "presence-reset") { enterRoom(state.room.id).catch(showError); return; }
    if (event.type === "presence-counts") { state.counts = new Map(Object.entries(event.countsByOrganization)); continue; }
    state.counts.set(event.organizationId, event.organizationCount);
    // A member of a counted organization arrives without a name: only the count changes.
    if (event.type === "member-entered" && event.member) { state.members.set(event.member.userId, event.member); }
    if (event.type === "member-left" && event.member) { state.members.delete(event.member.userId); }
  }
  renderPresence();
}

function renderPresence() {
  const list = $("presence-list");
  list.replaceChildren();
  for (const member of [...state.members.values()].sort((a, b) => a.displayName.localeCompare(b.displayName))) {
    const item = document.createElement("li");
    item.dataset.userId = member.userId;
    const org = Object.assign(document.createElement("span"), { className: "org", textContent: member.organizationId });
    item.append(member.displayName, org);
    list.append(item);
  }
  if (!state.rosterComplete) {
    list.append(Object.assign(document.createElement("li"), { textContent: "… a large room: the first names are shown, with counts per organization." }));
  }
  const present = [...state.counts].filter(([, n]) => n > 0);
  $("presence-count").textContent = `(${present.reduce((sum, [, n]) => sum + n, 0)})`;
  $("presence-orgs").textContent = present.map(([org, n]) => `${n} from ${org}`).join(", ");
}

async function run(action) {
  showError(null);
  try { await action(); } catch (error) { showError(error); }
}

$("signin-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  run(() => signIn(form.get("displayName"), form.get("organizationId")));
});
$("create-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  run(async () => {
    const community = await api("POST", "/api/communities", { name: form.get("name"), domain: form.get("domain"), description: form.get("description") || null });
    e.target.reset();
    await openCommunity(community.id);
  });
});
$("admit-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  run(async () => {
    const community = await api("POST", `/api/communities/${state.room.id}/organizations`, { organizationId: form.get("organizationId") });
    $("room-domain").textContent = `${community.domain}. Organizations: ${community.admittedOrganizations.join(", ")}. You are ${community.viewerRole}.`;
    e.target.reset();
  });
});
$("leave-room").addEventListener("click", () => run(async () => {
  await state.connection.invoke("LeaveRoom", `community:${state.room.id}`);
  state.room = null;
  await listCommunities();
  show("communities");
}));

if (state.token) { run(start).then(() => { if (!state.connection) { sessionStorage.clear(); show("signin"); } }); } else { show("signin"); }
