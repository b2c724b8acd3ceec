namespace CoPLive.Meetups;

/// <summary>
/// One entry of a meetup's ballot log (state name <see cref="StorageNames.MeetupBallotPage"/>): a member's vote for
/// <see cref="Option"/> of the poll <see cref="ItemId"/> (a later vote in the same poll replaces it), or, with no
/// option, their upvote of the question <see cref="ItemId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.BallotCast")]
public sealed record BallotCast(
    [property: Id(0)] string UserId,
    [property: Id(1)] string ItemId,
    [property: Id(2)] int? Option);
