using CoPLive.Rooms;

namespace CoPLive.Threads;

/// <summary>The accepted answer of a question thread changed: <see cref="PostId"/> is the new one (null: none), <see cref="PreviousPostId"/> the one it replaced.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.AnswerAccepted")]
public sealed record AnswerAccepted(
    long Seq,
    [property: Id(0)] string? PostId,
    [property: Id(1)] string? PreviousPostId,
    [property: Id(2)] bool CrossOrganization) : RoomEvent(Seq);
