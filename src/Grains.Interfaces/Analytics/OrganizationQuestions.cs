namespace CoPLive.Analytics;

/// <summary>
/// Questions of one organization in the window: asked by its members (and of those, how many got an answer
/// and an accepted answer), and the answers its members gave.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.OrganizationQuestions")]
public sealed record OrganizationQuestions(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] int QuestionsAsked,
    [property: Id(2)] int QuestionsAnswered,
    [property: Id(3)] int QuestionsAccepted,
    [property: Id(4)] int AnswersGiven,
    [property: Id(5)] int AcceptedAnswersGiven);
