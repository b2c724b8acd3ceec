using CoPLive.Activity;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// A scripted month of a community's activity with known answers (tests/analytics, docs/analytics.md): events with
/// chosen timestamps, as the thread, meetup and document grains would publish them.
/// </summary>
public sealed class AnalyticsScript(string communityId)
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public List<ActivityEvent> Events { get; } = [];

    public static DateTimeOffset At(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    public AnalyticsScript Thread(string threadId, string kind, string user, string organization, DateTimeOffset at) =>
        Add(ActivityTypes.ThreadCreated, user, organization, "thread", threadId, "p1", null, null, kind, at);

    public AnalyticsScript Post(string threadId, int number, string user, string organization, string asker, string askerOrganization, DateTimeOffset at) =>
        Add(ActivityTypes.PostAdded, user, organization, "thread", threadId, $"p{number}", asker, askerOrganization, null, at);

    public AnalyticsScript Accept(string threadId, int number, string answerer, string answererOrganization, string asker, string askerOrganization, DateTimeOffset at) =>
        Add(ActivityTypes.AnswerAccepted, asker, askerOrganization, "thread", threadId, $"p{number}", answerer, answererOrganization, null, at);

    public AnalyticsScript Attend(string meetupId, string user, string organization, DateTimeOffset at) =>
        Add(ActivityTypes.MeetupAttended, user, organization, "meetup", meetupId, null, null, null, null, at);

    public AnalyticsScript Speak(string meetupId, string user, string organization, DateTimeOffset at) =>
        Add(ActivityTypes.MeetupSpoke, user, organization, "meetup", meetupId, null, null, null, null, at);

    public AnalyticsScript AskLive(string meetupId, string questionId, string user, string organization, DateTimeOffset at) =>
        Add(ActivityTypes.MeetupQuestionAsked, user, organization, "meetup", meetupId, questionId, null, null, null, at);

    public AnalyticsScript AnswerLive(string meetupId, string questionId, string host, string hostOrganization, string asker, string askerOrganization, DateTimeOffset at) =>
        Add(ActivityTypes.MeetupQuestionAnswered, host, hostOrganization, "meetup", meetupId, questionId, asker, askerOrganization, null, at);

    /// <summary>
    /// A <c>document-edit-session</c> as a document grain publishes it, but only on the stream: the document's session
    /// table does not hold it, so a rebuild would not bring it back (the rebuild is tested with real edits, in
    /// tests/CoPLive.Documents.Tests/Live/DocumentContributorsTests.cs and DocumentSessionDurabilityTests.cs).
    /// </summary>
    public AnalyticsScript Edit(string documentId, string sessionId, string user, string organization, DateTimeOffset at) =>
        Add(ActivityTypes.DocumentEditSession, user, organization, "document", documentId, sessionId, null, null, "12", at);

    private AnalyticsScript Add(string type, string user, string organization, string kind, string itemId, string? subject, string? subjectUser, string? subjectOrganization, string? detail, DateTimeOffset at)
    {
        Events.Add(new ActivityEvent(type, communityId, user, organization, kind, itemId, subject, subjectUser, subjectOrganization, subjectOrganization is not null && subjectOrganization != organization, detail, at));
        return this;
    }
}
