using System.Collections.Immutable;

namespace CoPLive.Analytics;

/// <summary>
/// One member's participation in the window (member-level: shown only to coordinators and to the member),
/// with their level at each weekly point of the trend (oldest first), so a movement between levels shows.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MemberParticipation")]
public sealed record MemberParticipation(
    [property: Id(0)] string UserId,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] ParticipationLevel Level,
    [property: Id(3)] int Contributions,
    [property: Id(4)] int MeetupsAttended,
    [property: Id(5)] int AnswersGiven,
    [property: Id(6)] int AcceptedAnswers,
    [property: Id(7)] ImmutableArray<ParticipationLevel> Weekly);
