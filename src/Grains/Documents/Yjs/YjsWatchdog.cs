using System.Diagnostics;
using Microsoft.ClearScript.V8;

namespace CoPLive.Documents.Yjs;

/// <summary>
/// Interrupts V8 engines whose call runs past its deadline. It has a thread of its own (started on first use), so that
/// it fires on time even when the thread pool is saturated, which is exactly when a runaway call would do harm.
/// </summary>
internal sealed class YjsWatchdog : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(10);

    private readonly object _gate = new();
    private readonly List<Deadline> _deadlines = [];
    private Thread? _thread;
    private bool _stopped;

    /// <summary>Starts watching a call on <paramref name="engine"/> that may run for <paramref name="timeout"/>.</summary>
    public Deadline Watch(V8ScriptEngine engine, TimeSpan timeout)
    {
        var now = Stopwatch.GetTimestamp();
        var ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        var deadline = new Deadline(engine, ticks < long.MaxValue - now ? now + (long)ticks : long.MaxValue);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            _deadlines.Add(deadline);
            if (_thread is null)
            {
                _thread = new Thread(Loop) { IsBackground = true, Name = "Yjs engine watchdog" };
                _thread.Start();
            }
            Monitor.Pulse(_gate);
        }
        return deadline;
    }

    /// <summary>Stops watching the call; true if its engine was interrupted, so that it must not be reused.</summary>
    public bool Release(Deadline deadline)
    {
        lock (_gate)
        {
            _deadlines.Remove(deadline);
            return deadline.Expired;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Loop()
    {
        lock (_gate)
        {
            while (!_stopped)
            {
                var now = Stopwatch.GetTimestamp();
                var wait = Timeout.InfiniteTimeSpan;
                foreach (var deadline in _deadlines)
                {
                    var left = TimeSpan.Zero;
                    if (now >= deadline.At)
                    {
                        // An interrupt lands only while script runs; between the host's calls into V8 it is lost.
                        // So an expired call is interrupted again and again until its engine is released.
                        deadline.Expired = true;
                        deadline.Engine.Interrupt();
                        left = RetryInterval;
                    }
                    else
                    {
                        left = Stopwatch.GetElapsedTime(now, deadline.At);
                    }
                    wait = wait == Timeout.InfiniteTimeSpan || left < wait ? left : wait;
                }
                Monitor.Wait(_gate, wait);
            }
        }
    }

    /// <summary>One watched call.</summary>
    internal sealed class Deadline(V8ScriptEngine engine, long at)
    {
        public V8ScriptEngine Engine { get; } = engine;

        public long At { get; } = at;

        public bool Expired { get; set; }
    }
}
