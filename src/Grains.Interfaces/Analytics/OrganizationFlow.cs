namespace CoPLive.Analytics;

/// <summary>Who helped whom: answers (and accepted answers) from members of one organization to questions asked by members of another (or the same).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.OrganizationFlow")]
public sealed record OrganizationFlow(
    [property: Id(0)] string FromOrganizationId,
    [property: Id(1)] string ToOrganizationId,
    [property: Id(2)] int Answers,
    [property: Id(3)] int AcceptedAnswers);
