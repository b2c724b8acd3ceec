using System.Collections.Immutable;

namespace CoPLive.Meetups;

/// <summary>
/// A meetup's poll votes and question upvotes: an append-only log (<see cref="PagedLog{T}"/>), so a vote writes the
/// log's last page, whatever the number of votes before it, and in memory the fold of that log (each member's latest
/// vote per poll, the upvoters of each question), read once per activation.
/// </summary>
public sealed class MeetupBallots(PagedLog<BallotCast> log)
{
    private readonly Dictionary<string, Dictionary<string, int>> _votes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _upvoters = new(StringComparer.Ordinal);

    public async Task LoadAsync()
    {
        foreach (var ballot in await log.ReadAllAsync())
        {
            Apply(ballot);
        }
    }

    /// <summary>Records a member's vote, unless it is the one they gave already; written by the next <see cref="WriteChangesAsync"/>.</summary>
    public bool Vote(string userId, string pollId, int option)
    {
        if (_votes.TryGetValue(pollId, out var votes) && votes.TryGetValue(userId, out var previous) && previous == option)
        {
            return false;
        }

        Add(new BallotCast(userId, pollId, option));
        return true;
    }

    /// <summary>Records a member's upvote of a question, unless they gave it already.</summary>
    public bool Upvote(string userId, string questionId)
    {
        if (_upvoters.TryGetValue(questionId, out var upvoters) && upvoters.Contains(userId))
        {
            return false;
        }

        Add(new BallotCast(userId, questionId, null));
        return true;
    }

    /// <summary>Adds what a meetup stored before the ballot log kept in its header (into an empty log only: see the caller).</summary>
    public void AddStored(PollState poll)
    {
        foreach (var (userId, option) in poll.Votes)
        {
            Add(new BallotCast(userId, poll.Id, option));
        }
    }

    /// <inheritdoc cref="AddStored(PollState)"/>
    public void AddStored(QuestionState question)
    {
        foreach (var userId in question.Upvoters)
        {
            Add(new BallotCast(userId, question.Id, null));
        }
    }

    public Task<bool> IsEmptyAsync() => log.IsEmptyAsync();

    public Task WriteChangesAsync() => log.WriteChangesAsync();

    public ImmutableArray<int> Tallies(PollState poll)
    {
        var tallies = new int[poll.Options.Count];
        foreach (var option in _votes.GetValueOrDefault(poll.Id)?.Values ?? Enumerable.Empty<int>())
        {
            tallies[option]++;
        }

        return [.. tallies];
    }

    public int Upvotes(string questionId) => _upvoters.GetValueOrDefault(questionId)?.Count ?? 0;

    private void Add(BallotCast ballot)
    {
        log.Add(ballot);
        Apply(ballot);
    }

    private void Apply(BallotCast ballot)
    {
        if (ballot.Option is { } option)
        {
            (_votes.TryGetValue(ballot.ItemId, out var votes) ? votes : _votes[ballot.ItemId] = new(StringComparer.Ordinal))[ballot.UserId] = option;
        }
        else
        {
            (_upvoters.TryGetValue(ballot.ItemId, out var upvoters) ? upvoters : _upvoters[ballot.ItemId] = new(StringComparer.Ordinal)).Add(ballot.UserId);
        }
    }
}
