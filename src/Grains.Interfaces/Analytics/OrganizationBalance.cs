namespace CoPLive.Analytics;

/// <summary>
/// The sponsor's view of one organization in the window: what its members gave (answers, answers and accepted
/// answers to other organizations, documents and editing sessions, talks at meetups) and what they received
/// (answers and accepted answers from other organizations, meetups attended).
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.OrganizationBalance")]
public sealed record OrganizationBalance(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] bool Sponsoring,
    [property: Id(2)] int Members,
    [property: Id(3)] int AnswersGiven,
    [property: Id(4)] int AnswersGivenToOthers,
    [property: Id(5)] int AcceptedAnswersGivenToOthers,
    [property: Id(6)] int DocumentsContributed,
    [property: Id(7)] int DocumentSessions,
    [property: Id(8)] int Talks,
    [property: Id(9)] int QuestionsAsked,
    [property: Id(10)] int AnswersReceivedFromOthers,
    [property: Id(11)] int AcceptedAnswersReceivedFromOthers,
    [property: Id(12)] int MeetupAttendances);
