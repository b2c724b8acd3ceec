using System.Collections.Immutable;

namespace CoPLive.Meetups;

/// <summary>
/// A meetup's poll votes and question upvotes: an append-only log (<see cref="PagedLog{T}"/>), so a vote writes the
/// log's last page, whatever the number of votes before it, and in memory the fold of that log (each member's latest
/// vote per poll, the upvoters of each question), read once per activation, when first needed
/// (<see cref="EnsureLoadedAsync"/>): a meetup listed, read or entered without its questions and polls reads none.
/// Every other member throws until then, so a path that forgot to load fails loudly instead of counting from zero.
/// </summary>
public sealed class MeetupBallots(PagedLog<BallotCast> log)
{
    private readonly Dictionary<string, Dictionary<string, int>> _votes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _upvoters = new(StringComparer.Ordinal);
    private Task? _loading;
    private bool _loaded;

    /// <summary>Reads the log into memory, once; a failed read is tried again by the next call.</summary>
    public Task EnsureLoadedAsync()
    {
        if (_loading is { IsFaulted: true } or { IsCanceled: true })
        {
            _loading = null;
        }

        return _loading ??= LoadAsync();
    }

    /// <summary>Records a member's vote, unless it is the one they gave already; written by the next <see cref="WriteChangesAsync"/>.</summary>
    public bool Vote(string userId, string pollId, int option)
    {
        RequireLoaded();
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
        RequireLoaded();
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
        RequireLoaded();
        foreach (var (userId, option) in poll.Votes)
        {
            Add(new BallotCast(userId, poll.Id, option));
        }
    }

    /// <inheritdoc cref="AddStored(PollState)"/>
    public void AddStored(QuestionState question)
    {
        RequireLoaded();
        foreach (var userId in question.Upvoters)
        {
            Add(new BallotCast(userId, question.Id, null));
        }
    }

    public Task<bool> IsEmptyAsync() => log.IsEmptyAsync();

    public Task WriteChangesAsync() => log.WriteChangesAsync();

    public ImmutableArray<int> Tallies(PollState poll)
    {
        RequireLoaded();
        var tallies = new int[poll.Options.Count];
        foreach (var option in _votes.GetValueOrDefault(poll.Id)?.Values ?? Enumerable.Empty<int>())
        {
            tallies[option]++;
        }

        return [.. tallies];
    }

    public int Upvotes(string questionId)
    {
        RequireLoaded();
        return _upvoters.GetValueOrDefault(questionId)?.Count ?? 0;
    }

    private async Task LoadAsync()
    {
        foreach (var ballot in await log.ReadAllAsync())
        {
            Apply(ballot);
        }

        _loaded = true;
    }

    private void RequireLoaded()
    {
        if (!_loaded)
        {
            throw new InvalidOperationException("The meetup's ballots are read before they were loaded: await EnsureLoadedAsync first.");
        }
    }

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
