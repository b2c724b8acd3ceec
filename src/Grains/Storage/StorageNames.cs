namespace CoPLive;

/// <summary>The names of the grain storage providers and state entries, in one place.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider that holds every durable grain state.</summary>
    public const string Main = "coplive";

    // State names. A stored row is identified by service id, state name and grain key, not by grain
    // class: every grain class needs a state name of its own, or two classes with the same key collide.
    public const string OrganizationState = "organization";
    public const string CommunityState = "community";
    public const string CommunityMemberBucket = "community-members";
    public const string CommunityAuditPage = "community-audit";
    public const string MeetupState = "meetup";
    public const string MeetupAttendancePage = "meetup-attendance";
    public const string MeetupChatPage = "meetup-chat";
    public const string MeetupBallotPage = "meetup-ballots";
    public const string ThreadState = "thread";
    public const string ThreadPostPage = "thread-posts";
    public const string ThreadList = "thread-list";
    public const string ThreadListRow = "thread-list-entries";
    public const string NotificationInbox = "notification-inbox";
    public const string ActivityState = "community-activity";

    /// <summary>The grain storage Orleans streams keep their subscriptions in (the main ADO.NET storage).</summary>
    public const string PubSubStore = "PubSubStore";
    public const string DocumentState = "document";
    public const string DocumentList = "document-list";
    public const string DocumentListRow = "document-list-entries";
}
