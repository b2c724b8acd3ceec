using System.Collections.Immutable;

namespace CoPLive.Meetups;

/// <summary>A poll inside <see cref="MeetupState"/>; its votes are in the meetup's ballot log (<see cref="MeetupBallots"/>).</summary>
[GenerateSerializer, Alias("CoPLive.PollState")]
public sealed class PollState
{
    [Id(0)] public required string Id { get; set; }
    [Id(1)] public required string Question { get; set; }
    [Id(2)] public List<string> Options { get; set; } = [];

    /// <summary>Votes, in a header stored before they had a log of their own (<see cref="MeetupBallots"/>); emptied on activation.</summary>
    [Id(3)] public Dictionary<string, int> Votes { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public bool Closed { get; set; }

    public MeetupPoll ToContract(ImmutableArray<int> tallies) => new(Id, Question, [.. Options], tallies, Closed);
}
