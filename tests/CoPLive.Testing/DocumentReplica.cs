using CoPLive.Documents;
using CoPLive.Documents.Yjs;

namespace CoPLive.Testing;

/// <summary>
/// A client's copy of a Yjs document: the updates it made or received, read through the server's Yjs engine, and a
/// wait for it to change. The hub clients of the document tests build on it.
/// </summary>
public sealed class DocumentReplica(IYjsEngine yjs)
{
    private readonly object _lock = new();
    private readonly List<byte[]> _updates = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(IEnumerable<byte[]> updates)
    {
        lock (_lock)
        {
            _updates.AddRange(updates);
        }

        Changed();
    }

    /// <summary>Wakes whoever waits in <see cref="WaitUntilAsync"/> to look again (something else the client holds changed).</summary>
    public void Changed()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>The client's whole state now.</summary>
    public Task<byte[]> StateAsync()
    {
        List<ReadOnlyMemory<byte>> updates;
        lock (_lock)
        {
            updates = [.. _updates.Select(u => (ReadOnlyMemory<byte>)u)];
        }

        return yjs.MergeUpdatesAsync(updates);
    }

    /// <summary>The text of the document's <see cref="DocumentNames.Content"/>.</summary>
    public async Task<string> TextAsync() => await yjs.ReadTextAsync(await StateAsync(), DocumentNames.Content);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, looking again after each change; past <paramref name="deadline"/>
    /// throws a TimeoutException with <paramref name="failure"/>'s message.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, DateTime deadline, Func<string> failure)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (await condition())
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException(failure());
            }
        }
    }
}
