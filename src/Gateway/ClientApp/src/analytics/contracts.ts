// The analytics report as GET /api/communities/{id}/analytics returns it (docs/protocol.md, section Analytics;
// every figure is defined in docs/analytics.md).

export type Level = "core" | "active" | "peripheral" | "inactive";

export interface LevelCounts { core: number; active: number; peripheral: number; inactive: number }

export interface DurationStats { count: number; medianSeconds: number | null; p90Seconds: number | null }

export interface MemberParticipation {
  userId: string;
  organizationId: string;
  level: Level;
  contributions: number;
  meetupsAttended: number;
  answersGiven: number;
  acceptedAnswers: number;
  weekly: Level[];
}

export interface OrganizationFlow { fromOrganizationId: string; toOrganizationId: string; answers: number; acceptedAnswers: number }

export interface OrganizationQuestions {
  organizationId: string;
  questionsAsked: number;
  questionsAnswered: number;
  questionsAccepted: number;
  answersGiven: number;
  acceptedAnswersGiven: number;
}

export interface MeetupAttendance {
  meetupId: string;
  title: string;
  attendees: number;
  firstTime: number;
  returning: number;
  byOrganization: Record<string, number>;
  questionsAsked: number;
  questionsAnswered: number;
  speakers: number;
}

export interface OrganizationBalance {
  organizationId: string;
  sponsoring: boolean;
  members: number;
  answersGiven: number;
  answersGivenToOthers: number;
  acceptedAnswersGivenToOthers: number;
  documentsContributed: number;
  documentSessions: number;
  talks: number;
  questionsAsked: number;
  answersReceivedFromOthers: number;
  acceptedAnswersReceivedFromOthers: number;
  meetupAttendances: number;
}

export interface AnalyticsReport {
  communityId: string;
  asOf: string;
  from: string;
  to: string;
  days: number;
  thresholds: { coreContributions: number; activeContributions: number };
  memberDetail: "all" | "self";
  eventsApplied: number;
  rebuiltAt: string | null;
  participation: {
    levels: LevelCounts;
    byOrganization: Array<{ organizationId: string; levels: LevelCounts }>;
    weeks: Array<{ day: string; levels: LevelCounts }>;
    members: MemberParticipation[];
  };
  knowledgeFlow: {
    organizations: OrganizationQuestions[];
    flows: OrganizationFlow[];
    timeToFirstAnswer: DurationStats;
    timeToFirstAnswerAcrossOrganizations: DurationStats;
    timeToAcceptedAnswer: DurationStats;
    timeToAcceptedAnswerAcrossOrganizations: DurationStats;
    openQuestions: { open: number; unanswered: number; byAge: Array<{ age: string; open: number; unanswered: number }> };
  };
  meetups: {
    meetups: number;
    attendances: number;
    firstTime: number;
    returning: number;
    questionsAsked: number;
    questionsAnswered: number;
    perMeetup: MeetupAttendance[];
    byOrganization: Array<{ organizationId: string; attendances: number; attendees: number; talks: number }>;
  };
  documents: {
    perDocument: Array<{ documentId: string; contributors: number; sessions: number; contributorsByOrganization: Record<string, number>; contributorUserIds: string[] }>;
    byOrganization: Array<{ organizationId: string; documents: number; contributors: number; sessions: number }>;
  };
  organizations: OrganizationBalance[];
}

/** The CSV tables of GET /api/communities/{id}/analytics/csv?table=... */
export type CsvTable = "organizations" | "members" | "levels" | "flows" | "questions" | "meetups" | "documents";
