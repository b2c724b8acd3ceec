using System.Diagnostics;

namespace CoPLive.Gateway.Documents;

/// <summary>A token bucket per connection: <c>rate</c> updates per second on average, up to <c>burst</c> at once. Not thread-safe (one reader per connection).</summary>
public sealed class UpdateRateLimiter(int rate, int burst)
{
    private double _tokens = burst;
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>Takes <paramref name="count"/> tokens; false (taking none) if there are not enough.</summary>
    public bool TryTake(int count)
    {
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (Stopwatch.GetElapsedTime(_last, now).TotalSeconds * rate));
        _last = now;
        if (_tokens < count)
        {
            return false;
        }

        _tokens -= count;
        return true;
    }
}
