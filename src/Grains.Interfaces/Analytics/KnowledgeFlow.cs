using System.Collections.Immutable;

namespace CoPLive.Analytics;

/// <summary>
/// Knowledge flow in the window: questions per organization, answers between organizations, time to the first
/// answer and to the accepted answer (overall, and from another organization than the asker's), open questions.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.KnowledgeFlow")]
public sealed record KnowledgeFlow(
    [property: Id(0)] ImmutableArray<OrganizationQuestions> Organizations,
    [property: Id(1)] ImmutableArray<OrganizationFlow> Flows,
    [property: Id(2)] DurationStats TimeToFirstAnswer,
    [property: Id(3)] DurationStats TimeToFirstAnswerAcrossOrganizations,
    [property: Id(4)] DurationStats TimeToAcceptedAnswer,
    [property: Id(5)] DurationStats TimeToAcceptedAnswerAcrossOrganizations,
    [property: Id(6)] OpenQuestions OpenQuestions);
