// A document open live: its Y.Doc over an unmodified y-websocket WebsocketProvider against /yjs/{id}?token=...,
// kept on this device with y-indexeddb (so an edit made offline survives closing the page and is sent when the
// document opens online again), shown as CodeMirror 6 (a text, bound with y-codemirror.next) or as the whiteboard.
// The document page and the meetup room's panels both open documents through here.
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { markdown } from "@codemirror/lang-markdown";
import { yCollab } from "y-codemirror.next";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { localStorePrefix } from "./local-copies";
import * as Y from "yjs";
import { session } from "../session";
import { organizationHue } from "../view";
import type { DocumentDetails } from "./contracts";
import { whiteboard } from "./whiteboard";

export interface AwarenessUser { name: string; color: string; colorLight: string; organizationId: string }

export interface LiveDocument {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
}

export interface LiveDocumentOptions {
  /** Where the editor or the board goes. */
  host: HTMLElement;
  /** Told the connection's state: connecting, connected, synced, offline, disconnected, refused. */
  status(state: string, text: string): void;
  /** Whether this person may present the whiteboard's viewport (default: whoever may write). */
  canPresent?: boolean;
}

/** The name of this person's local copy of a document in IndexedDB (per user, so two sign-ins on one browser keep apart). */
export const localStoreName = (userId: string, documentId: string) => `${localStorePrefix(userId)}${documentId}`;

export function openLiveDocument(d: DocumentDetails, options: LiveDocumentOptions): LiveDocument {
  const me = session.me!;
  const doc = new Y.Doc();
  const local = new IndexeddbPersistence(localStoreName(me.userId, d.id), doc);
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const provider = new WebsocketProvider(`${scheme}://${location.host}/yjs`, d.id, doc, { params: { token: session.token ?? "" } });
  const hue = organizationHue(me.organizationId);
  const user: AwarenessUser = { name: me.displayName, color: `hsl(${hue} 70% 42%)`, colorLight: `hsl(${hue} 70% 42% / 0.25)`, organizationId: me.organizationId };
  provider.awareness.setLocalStateField("user", user);
  options.host.dataset.localStore = localStoreName(me.userId, d.id);
  void local.whenSynced.then(() => (options.host.dataset.localLoaded = "true"));

  const setStatus = options.status;
  provider.on("status", ({ status: s }: { status: string }) =>
    s === "connected" ? setStatus(provider.synced ? "synced" : "connected", provider.synced ? "Saved · live" : "Syncing…") : setStatus(s, navigator.onLine ? "Reconnecting… edits are kept" : "Offline: edits are kept and sent on reconnect"),
  );
  provider.on("sync", (synced: boolean) => synced && provider.wsconnected && setStatus("synced", "Saved · live"));
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (event?.code === 1008 || event?.code === 4401 || event?.code === 4403 || event?.code === 4404) {
      setStatus("refused", "The server closed the document");
    }
  });

  // The browser knows first when the network is gone: stop the socket (it can otherwise hang on) and connect
  // again when it is back; Yjs keeps what was typed meanwhile (in memory and in IndexedDB) and the sync sends it.
  const offline = () => {
    provider.disconnect();
    setStatus("offline", "Offline: edits are kept on this device and sent on reconnect");
  };
  const online = () => provider.connect();
  window.addEventListener("offline", offline);
  window.addEventListener("online", online);

  let closeView: () => void;
  if (d.kind === "text") {
    const text = doc.getText("content");
    const undoManager = new Y.UndoManager(text);
    const view = new EditorView({
      parent: options.host,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          basicSetup,
          markdown(),
          EditorView.lineWrapping,
          EditorState.readOnly.of(!d.canWrite),
          EditorView.editable.of(d.canWrite),
          EditorView.contentAttributes.of({ "aria-label": `${d.title}: document text` }),
          yCollab(text, provider.awareness, { undoManager }),
        ],
      }),
    });
    closeView = () => view.destroy();
  } else {
    closeView = whiteboard(options.host, doc, provider.awareness, { canWrite: d.canWrite, canPresent: options.canPresent ?? d.canWrite, userId: me.userId, color: hexOfHue(hue) });
  }
  if (!navigator.onLine) {
    offline();
  }

  return {
    doc,
    provider,
    close() {
      closeView();
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    },
  };
}

/** The organization's colour as #rrggbb (hsl(hue 70% 42%)): the whiteboard's schema takes only plain colours. */
function hexOfHue(hue: number): string {
  const s = 0.7;
  const l = 0.42;
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, "0");
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}
