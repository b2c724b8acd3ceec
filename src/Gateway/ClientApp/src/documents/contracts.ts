// The shapes of the documents contract (REST under /api/documents and /api/communities/{id}/documents).
import type { Audience } from "../contracts";

export type DocumentKind = "text" | "whiteboard";

export interface DocumentDetails {
  id: string;
  communityId: string;
  title: string;
  kind: DocumentKind;
  audience: Audience | null;
  createdBy: string;
  createdAt: string;
  /** When set, only that meetup's host and speakers may write. */
  stageOnlyMeetupId: string | null;
  canWrite: boolean;
}

export interface DocumentVersion {
  id: string;
  name: string;
  /** named, meetup-ended, idle or before-restore. */
  reason: string;
  createdBy: string | null;
  createdAt: string;
  bytes: number;
}

export interface DocumentVersionView { version: DocumentVersion; content: string; state: string }

export const documentRoute = (id: string) => `#/documents/${encodeURIComponent(id)}`;
