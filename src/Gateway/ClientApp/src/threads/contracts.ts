// The shapes of the threads and notifications contract (docs/protocol.md, Threads and Notifications).
import type { Audience } from "../contracts";

export type ThreadKind = "discussion" | "question";

export interface ThreadSummary {
  id: string;
  communityId: string;
  title: string;
  kind: ThreadKind;
  audience: Audience | null;
  authorUserId: string;
  authorName: string;
  authorOrganizationId: string;
  createdAt: string;
  lastActivityAt: string;
  postCount: number;
  acceptedPostId: string | null;
  acceptedCrossOrganization: boolean;
  meetupId: string | null;
}

export interface PostRemoval { removedBy: string; removedAt: string; reason: string }

export interface Post {
  id: string;
  replyTo: string | null;
  authorUserId: string;
  authorName: string;
  authorOrganizationId: string;
  body: string;
  /** Rendered by the server: raw HTML escaped, unsafe link schemes neutralised. */
  html: string;
  createdAt: string;
  editedAt: string | null;
  revisions: number;
  removed: PostRemoval | null;
  reactions: Record<string, number>;
  crossOrganization: boolean;
}

export interface ThreadView {
  thread: ThreadSummary;
  posts: Post[];
  viewerReactions: Record<string, string[]>;
  viewerFollows: boolean;
}

export interface SearchHit { threadId: string; postId: string; title: string; snippet: string }

export interface ReactionResult { postId: string; emoji: string; reacted: boolean; count: number }

export interface Notification {
  id: string;
  kind: "mention" | "followed-post";
  communityId: string;
  threadId: string;
  threadTitle: string;
  postId: string;
  authorUserId: string;
  authorName: string;
  excerpt: string;
  at: string;
  read: boolean;
}

/** Thread room events; anything else (presence, signals) is handled elsewhere or ignored. */
export type ThreadEvent =
  | { type: "post-added" | "post-edited" | "post-removed"; seq: number; post: Post }
  | { type: "answer-accepted"; seq: number; postId: string | null; previousPostId: string | null; crossOrganization: boolean }
  | { type: "post-reactions-tallied"; seq: number; posts: Record<string, Record<string, number>> };

/** The emoji codes the server accepts, with how the app shows them. */
export const postReactions: ReadonlyArray<{ code: string; emoji: string; label: string }> = [
  { code: "thumbs-up", emoji: "👍", label: "Thumbs up" },
  { code: "heart", emoji: "❤️", label: "Heart" },
  { code: "laugh", emoji: "😄", label: "Laugh" },
  { code: "insightful", emoji: "💡", label: "Insightful" },
  { code: "thanks", emoji: "🙏", label: "Thanks" },
  { code: "confused", emoji: "😕", label: "Confused" },
  { code: "celebrate", emoji: "🎉", label: "Celebrate" },
];

export const threadRoute = (id: string) => `#/threads/${encodeURIComponent(id)}`;
