namespace CoPLive.Testing;

/// <summary>Waiting for things that happen asynchronously, with a timeout that says what did not happen.</summary>
public static class Signals
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Awaits <paramref name="task"/>; throws a TimeoutException naming <paramref name="what"/> if it takes longer than the timeout.</summary>
    public static async Task<T> Within<T>(this Task<T> task, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var finished = await Task.WhenAny(task, Task.Delay(limit));
        if (finished != task)
        {
            throw new TimeoutException($"Within {limit.TotalSeconds:0.#} s, this did not happen: {what}");
        }

        return await task;
    }

    public static async Task Within(this Task task, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var finished = await Task.WhenAny(task, Task.Delay(limit));
        if (finished != task)
        {
            throw new TimeoutException($"Within {limit.TotalSeconds:0.#} s, this did not happen: {what}");
        }

        await task;
    }
}
