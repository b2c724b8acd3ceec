// The shapes of the gateway's public contract (docs/protocol.md), as the web app uses them.

export type Role = "coordinator" | "moderator" | "member" | "guest";
export type ViewerStatus = "none" | "invited" | "requested" | "member";
export type JoinPolicy = "open" | "approval" | "invitation";
export type PresencePolicy = "named" | "counted";

export interface Audience { organizations: string[] }

export interface AdmittedOrganization {
  organizationId: string;
  sponsoring: boolean;
  presence: PresencePolicy;
  admittedAt: string;
}

export interface Community {
  id: string;
  name: string;
  domain: string;
  description: string | null;
  sponsoringOrganizations: string[];
  admittedOrganizations: string[];
  organizations: AdmittedOrganization[];
  memberCount: number;
  createdAt: string;
  joinPolicy: JoinPolicy;
  viewerRole: Role | null;
  viewerStatus: ViewerStatus;
}

export interface CommunityMember {
  userId: string;
  displayName: string;
  organizationId: string;
  role: Role;
  joinedAt: string;
}

export interface JoinRequest { userId: string; displayName: string; organizationId: string; requestedAt: string }
export interface Invitation { userId: string; organizationId: string; invitedBy: string; invitedAt: string }
export interface JoinResult { status: "member" | "requested"; member: CommunityMember | null }
export interface Organization { id: string; name: string; registeredAt: string }

export type MeetupPhase = "scheduled" | "live" | "ended";

export interface Meetup {
  id: string;
  communityId: string;
  title: string;
  agenda: string | null;
  startsAt: string;
  endsAt: string;
  audience: Audience | null;
  phase: MeetupPhase;
  hostUserId: string;
  speakers: string[];
  links: Record<string, string>;
  /** The link roles whose documents only the host and speakers may change. */
  stageOnly?: string[];
  createdAt: string;
}

export interface RaisedHand { userId: string; displayName: string; organizationId: string; raisedAt: string }

export interface Question {
  id: string;
  authorUserId: string;
  authorName: string;
  authorOrganizationId: string;
  text: string;
  upvotes: number;
  answered: boolean;
  askedAt: string;
}

export interface Poll { id: string; question: string; options: string[]; tallies: number[]; closed: boolean }

export interface ChatMessage { id: string; userId: string; displayName: string; organizationId: string; text: string; sentAt: string }

export interface MeetupView {
  meetup: Meetup;
  hands: RaisedHand[];
  questions: Question[];
  polls: Poll[];
  recentChat: ChatMessage[];
  reactionTotals: Record<string, number>;
}

/** The reactions the server accepts (a fixed set), with how the app shows them. */
export const reactions: ReadonlyArray<{ kind: string; emoji: string; label: string }> = [
  { kind: "applause", emoji: "👏", label: "Applause" },
  { kind: "plus-one", emoji: "👍", label: "Plus one" },
  { kind: "heart", emoji: "❤️", label: "Heart" },
  { kind: "laugh", emoji: "😄", label: "Laugh" },
  { kind: "wow", emoji: "😮", label: "Wow" },
  { kind: "question", emoji: "❓", label: "Question" },
];

export interface PresentMember { userId: string; displayName: string; organizationId: string }

export interface PresenceSnapshot {
  room: string;
  epoch: string;
  seq: number;
  members: PresentMember[];
  countsByOrganization: Record<string, number>;
  rosterComplete: boolean;
  large: boolean;
}

export interface RosterPage { room: string; offset: number; visibleTotal: number; members: PresentMember[] }

export interface RoomEntry { resumed: boolean; missed: RoomEvent[]; snapshot: PresenceSnapshot }

export type RoomEvent =
  | { type: "member-entered" | "member-left"; seq: number; organizationId: string; organizationCount: number; member: PresentMember | null }
  | { type: "presence-counts"; seq: number; countsByOrganization: Record<string, number>; total: number }
  | { type: "presence-reset"; seq: number }
  | { type: "meetup-updated"; seq: number; meetup: Meetup }
  | { type: "meetup-announced"; seq: number; meetupId: string; title: string; startsAt: string }
  | { type: "item-created"; seq: number; item: "thread" | "document"; itemId: string; title: string; kind: string }
  | { type: "reactions-tallied"; seq: number; counts: Record<string, number> }
  | { type: "hand-raised"; seq: number; hand: RaisedHand }
  | { type: "hand-lowered"; seq: number; userId: string; outcome: "lowered" | "called" | "dismissed" }
  | { type: "question-asked"; seq: number; question: Question }
  | { type: "questions-updated"; seq: number; questions: Question[] }
  | { type: "poll-opened" | "poll-closed"; seq: number; poll: Poll }
  | { type: "poll-tallied"; seq: number; pollId: string; tallies: number[] }
  | { type: "chat-posted"; seq: number; message: ChatMessage }
  // An event type this app does not know yet (a later feature's): its sequence number still counts.
  | { type: "unknown"; seq: number };

export interface RoomEventBatch { room: string; epoch: string; events: RoomEvent[] }
export interface AccessRevoked { room: string; code: string; reason: string }
