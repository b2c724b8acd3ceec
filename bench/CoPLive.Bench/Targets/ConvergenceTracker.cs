namespace CoPLive.Bench.Targets;

/// <summary>Counts the participants whose view of the room's total has reached the expected number.</summary>
internal sealed class ConvergenceTracker
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expected;
    private int _views;
    private int _converged;

    public ConvergenceTracker(int expected, int views)
    {
        _expected = expected;
        _views = views;
    }

    /// <summary>A tracker that never converges (for scenarios that do not wait for counts).</summary>
    public static ConvergenceTracker None => new(int.MaxValue, int.MaxValue);

    public int Expected => Volatile.Read(ref _expected);

    public int Converged => Volatile.Read(ref _converged);

    /// <summary>Completes when every view has converged.</summary>
    public Task All => _all.Task;

    /// <summary>Changes the target (after some entries failed) and checks every view again.</summary>
    public void Retarget(int expected, IReadOnlyCollection<Participant> participants)
    {
        Volatile.Write(ref _expected, expected);
        Volatile.Write(ref _views, participants.Count);
        foreach (var participant in participants)
        {
            participant.CheckConverged();
        }

        CheckAll();
    }

    public void OnConverged()
    {
        Interlocked.Increment(ref _converged);
        CheckAll();
    }

    private void CheckAll()
    {
        if (Volatile.Read(ref _converged) >= Volatile.Read(ref _views))
        {
            _all.TrySetResult();
        }
    }
}
