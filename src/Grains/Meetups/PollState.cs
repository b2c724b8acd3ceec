using System.Collections.Immutable;

namespace CoPLive.Meetups;

/// <summary>A poll inside <see cref="MeetupState"/>, with each voter's one choice.</summary>
[GenerateSerializer, Alias("CoPLive.PollState")]
public sealed class PollState
{
    [Id(0)] public required string Id { get; set; }
    [Id(1)] public required string Question { get; set; }
    [Id(2)] public List<string> Options { get; set; } = [];
    [Id(3)] public Dictionary<string, int> Votes { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public bool Closed { get; set; }

    public ImmutableArray<int> Tallies()
    {
        var tallies = new int[Options.Count];
        foreach (var option in Votes.Values)
        {
            tallies[option]++;
        }

        return [.. tallies];
    }

    public MeetupPoll ToContract() => new(Id, Question, [.. Options], Tallies(), Closed);
}
