// The live connection to /hubs/live: one SignalR connection per tab, the rooms it is in, and their sequence
// numbers. It keeps the connection state visible (online, reconnecting, offline), reconnects on its own, and
// resyncs every room it is in with ResumeRoom (the missed events, or a fresh snapshot) after a reconnect or a gap.
import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import type { AccessRevoked, PresenceSnapshot, RoomEntry, RoomEvent, RoomEventBatch } from "./contracts";
import { session } from "./session";

export type ConnectionState = "connecting" | "online" | "reconnecting" | "offline";

/** What a screen does with a room's stream. */
export interface RoomHandler {
  /** A snapshot to start from: on entering, and whenever the app could not replay what was missed. */
  snapshot(snapshot: PresenceSnapshot, resync: boolean): void;
  /** Events after the last one applied, in order, without gaps. */
  events(events: RoomEvent[]): void;
  /** The server took this connection out of the room. */
  revoked(revoked: AccessRevoked): void;
}

interface RoomStream {
  handler: RoomHandler;
  epoch: string | null;
  seq: number;
  /** While entering or resuming: events that arrived before the answer, applied after it. */
  pending: RoomEventBatch[] | null;
}

const retryDelays = [0, 1000, 2000, 5000, 10000];

export class Live {
  private connection: HubConnection | null = null;
  private readonly rooms = new Map<string, RoomStream>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private current: ConnectionState = "connecting";
  private starting: Promise<void> | null = null;
  private stopped = false;
  private unauthorized: () => void = () => {};

  constructor() {
    // The browser knows first when the network is gone: drop the connection at once rather than wait for
    // SignalR's keep-alive timeout, and reconnect as soon as the network is back.
    window.addEventListener("offline", () => void this.goOffline());
    window.addEventListener("online", () => void this.ensureConnected());
  }

  /** Called when the hub refuses the token (401). */
  whenUnauthorized(handler: () => void): void {
    this.unauthorized = handler;
  }

  get state(): ConnectionState {
    return this.current;
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.current);
    return () => this.stateListeners.delete(listener);
  }

  /** Connects (once); later calls wait for the same connection. */
  ensureConnected(): Promise<void> {
    if (this.connection?.state === HubConnectionState.Connected) {
      return Promise.resolve();
    }
    this.stopped = false;
    this.starting ??= this.connectWithRetries().finally(() => (this.starting = null));
    return this.starting;
  }

  /** Calls a hub method; waits for the connection first. */
  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    await this.ensureConnected();
    return this.connection!.invoke<T>(method, ...args);
  }

  /** Enters a room: the handler gets the snapshot, then every later event in order. */
  async enter(room: string, handler: RoomHandler): Promise<void> {
    const stream: RoomStream = { handler, epoch: null, seq: 0, pending: [] };
    this.rooms.set(room, stream);
    try {
      const snapshot = await this.invoke<PresenceSnapshot>("EnterRoom", room);
      if (this.rooms.get(room) !== stream) {
        // The screen left before the server answered: leave on the server too, or we would stay present.
        await this.connection?.invoke("LeaveRoom", room).catch(() => {});
        return;
      }
      this.startFrom(stream, snapshot, false);
    } catch (error) {
      this.rooms.delete(room);
      throw error;
    }
  }

  async leave(room: string): Promise<void> {
    if (!this.rooms.delete(room)) {
      return;
    }
    if (this.connection?.state === HubConnectionState.Connected) {
      await this.connection.invoke("LeaveRoom", room).catch(() => {});
    }
  }

  /** Signs out: leaves every room and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.rooms.clear();
    await this.connection?.stop();
    this.connection = null;
  }

  private setState(state: ConnectionState): void {
    if (state === this.current) {
      return;
    }
    this.current = state;
    for (const listener of this.stateListeners) {
      listener(state);
    }
  }

  private async connectWithRetries(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      if (!navigator.onLine) {
        this.setState("offline");
        await new Promise<void>((resolve) => window.addEventListener("online", () => resolve(), { once: true }));
      }
      this.setState(attempt === 0 && this.rooms.size === 0 && this.connection === null ? "connecting" : "reconnecting");
      try {
        const connection = this.build();
        await connection.start();
        this.connection = connection;
        this.setState("online");
        await this.resyncAll();
        return;
      } catch (error) {
        if (/\b401\b/.test(String(error))) {
          // The token expired or was refused: retrying cannot help; sign in again.
          this.stopped = true;
          this.setState("offline");
          this.unauthorized();
          return;
        }
        await delay(retryDelays[Math.min(attempt + 1, retryDelays.length - 1)]!);
      }
    }
  }

  private build(): HubConnection {
    const connection = new HubConnectionBuilder()
      .withUrl("/hubs/live", { accessTokenFactory: () => session.token ?? "" })
      // The hub closes a connection after 15 s without a message; ping every 5 s so that a tab that only listens stays.
      .withKeepAliveInterval(5000)
      .configureLogging(LogLevel.None)
      .build();
    connection.on("RoomEvents", (batch: RoomEventBatch) => this.receive(batch));
    connection.on("AccessRevoked", (revoked: AccessRevoked) => {
      const stream = this.rooms.get(revoked.room);
      this.rooms.delete(revoked.room);
      stream?.handler.revoked(revoked);
    });
    connection.onclose(() => {
      if (this.connection !== connection) {
        return;
      }
      this.connection = null;
      if (!this.stopped) {
        this.setState(navigator.onLine ? "reconnecting" : "offline");
        if (navigator.onLine) {
          void this.ensureConnected();
        }
      }
    });
    return connection;
  }

  private async goOffline(): Promise<void> {
    this.setState("offline");
    const connection = this.connection;
    this.connection = null;
    await connection?.stop();
  }

  /** After a reconnect: every room resumes from its last sequence number (or starts again from a snapshot). */
  private async resyncAll(): Promise<void> {
    await Promise.all([...this.rooms.keys()].map((room) => this.resume(room)));
  }

  private async resume(room: string): Promise<void> {
    const stream = this.rooms.get(room);
    const connection = this.connection;
    if (!stream || !connection) {
      return;
    }
    stream.pending ??= [];
    try {
      const entry = await connection.invoke<RoomEntry>("ResumeRoom", room, stream.epoch ?? "", stream.seq);
      if (this.rooms.get(room) !== stream) {
        return;
      }
      if (entry.resumed) {
        this.apply(stream, entry.missed);
        this.flush(stream);
      } else {
        this.startFrom(stream, entry.snapshot, true);
      }
    } catch (error) {
      // Refused on the way back (access revoked while away): the screen hears it as a revocation.
      this.rooms.delete(room);
      stream.handler.revoked({ room, code: "forbidden", reason: error instanceof Error ? error.message : String(error) });
    }
  }

  private async reenter(room: string): Promise<void> {
    const stream = this.rooms.get(room);
    if (!stream || !this.connection) {
      return;
    }
    stream.pending ??= [];
    const snapshot = await this.connection.invoke<PresenceSnapshot>("EnterRoom", room);
    if (this.rooms.get(room) === stream) {
      this.startFrom(stream, snapshot, true);
    }
  }

  private startFrom(stream: RoomStream, snapshot: PresenceSnapshot, resync: boolean): void {
    stream.epoch = snapshot.epoch;
    stream.seq = snapshot.seq;
    stream.handler.snapshot(snapshot, resync);
    this.flush(stream);
  }

  private flush(stream: RoomStream): void {
    const pending = stream.pending ?? [];
    stream.pending = null;
    for (const batch of pending) {
      this.receive(batch);
    }
  }

  private receive(batch: RoomEventBatch): void {
    const stream = this.rooms.get(batch.room);
    if (!stream) {
      return;
    }
    if (stream.pending) {
      stream.pending.push(batch);
      return;
    }
    if (batch.epoch !== stream.epoch) {
      void this.resume(batch.room);
      return;
    }
    this.apply(stream, batch.events, batch.room);
  }

  private apply(stream: RoomStream, events: RoomEvent[], room?: string): void {
    const fresh: RoomEvent[] = [];
    for (const event of events) {
      if (event.seq <= stream.seq) {
        continue;
      }
      if (event.seq !== stream.seq + 1 && room) {
        // A gap: hand over what came before it, then ask for what is missing.
        stream.handler.events(fresh);
        void this.resume(room);
        return;
      }
      stream.seq = event.seq;
      if (event.type === "presence-reset") {
        stream.handler.events(fresh);
        const roomName = room ?? [...this.rooms].find(([, s]) => s === stream)?.[0];
        if (roomName) {
          void this.reenter(roomName);
        }
        return;
      }
      fresh.push(event);
    }
    if (fresh.length > 0) {
      stream.handler.events(fresh);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const live = new Live();
