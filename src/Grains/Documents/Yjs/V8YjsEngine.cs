using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ClearScript;
using Microsoft.ClearScript.JavaScript;
using Microsoft.ClearScript.V8;
using Microsoft.Extensions.Logging;

namespace CoPLive.Documents.Yjs;

/// <summary>
/// <see cref="IYjsEngine"/> on npm's <c>yjs</c>, bundled into one script (<c>js/entry.js</c>, embedded in this
/// assembly at build time) and run in V8 through ClearScript.
/// </summary>
/// <remarks>
/// A small pool of V8 engines, each with its own isolate: at most <c>maxEngines</c> (one per processor unless
/// told otherwise), each started on first need (about 200 ms for the first of the process, 40 ms after) and used by
/// one call at a time; further callers wait for a free one. Calls run on the thread pool, not on the caller's
/// scheduler. Bytes cross into V8 as typed arrays (one copy each way, no base64). Each call has a time limit that a
/// watchdog thread enforces. An engine whose script was interrupted (cancellation, time limit) or failed in an
/// unexpected way is disposed instead of being reused; refusing malformed input keeps it.
/// </remarks>
public sealed partial class V8YjsEngine : IYjsEngine, IDisposable
{
    /// <summary>The manifest resource name of the bundled script (fixed in <c>Grains.csproj</c>).</summary>
    internal const string BundleResourceName = "CoPLive.Documents.Yjs.coplive-yjs.js";

    private static readonly Lazy<string> Bundle = new(LoadBundle);

    private readonly ILogger<V8YjsEngine> _logger;
    private readonly TimeSpan _callTimeout;
    private readonly YjsWatchdog _watchdog = new();
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<Instance> _idle = [];
    private readonly LiveLane[] _lanes;
    private readonly int _maxLiveDocuments;
    private int _started;
    private long _liveKeys;
    private volatile bool _disposed;

    /// <param name="maxEngines">How many V8 engines may run at once; one per processor by default.</param>
    /// <param name="callTimeout">
    /// How long one call may run in V8 (one minute by default) before it is interrupted, its engine discarded and
    /// <see cref="TimeoutException"/> thrown: a guard against inputs that would keep an engine busy.
    /// </param>
    /// <param name="maxLiveDocuments">
    /// How many documents one live engine keeps live (<see cref="OpenLive"/>); 32 by default. Beyond it the least
    /// recently used one is closed, and reopened from its state on its next write.
    /// </param>
    public V8YjsEngine(ILogger<V8YjsEngine> logger, int? maxEngines = null, TimeSpan? callTimeout = null, int? maxLiveDocuments = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var max = maxEngines ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxEngines));
        _callTimeout = callTimeout ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_callTimeout, TimeSpan.Zero, nameof(callTimeout));
        _maxLiveDocuments = maxLiveDocuments ?? 32;
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxLiveDocuments, 1, nameof(maxLiveDocuments));
        _logger = logger;
        _slots = new SemaphoreSlim(max, max);
        _lanes = new LiveLane[max];
        for (var i = 0; i < max; i++)
        {
            _lanes[i] = new LiveLane();
        }
    }

    /// <summary>How many documents are live in all live engines now (started engines only). For tests and diagnostics.</summary>
    public async Task<int> CountLiveDocumentsAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var lane in _lanes)
        {
            count += await RunLiveAsync(lane, "liveCount", instance => Convert.ToInt32(instance.Call("liveCount"), CultureInfo.InvariantCulture), cancellationToken, () => 0).ConfigureAwait(false);
        }
        return count;
    }

    public IYjsLiveDocument OpenLive()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = Interlocked.Increment(ref _liveKeys);
        return new LiveDocument(this, _lanes[(int)(key % _lanes.Length)], key.ToString(CultureInfo.InvariantCulture));
    }

    public Task ValidateUpdateAsync(ReadOnlyMemory<byte> update, CancellationToken cancellationToken = default) =>
        RunAsync(
            "validateUpdate",
            instance =>
            {
                using var bytes = instance.ToScript(update);
                instance.Call("validateUpdate", bytes);
                return true;
            },
            cancellationToken);

    public Task<byte[]> MergeUpdatesAsync(IReadOnlyList<ReadOnlyMemory<byte>> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return RunAsync(
            "mergeUpdates",
            instance =>
            {
                using var packed = instance.Pack(updates);
                return instance.CallForBytes("mergeUpdates", packed.Data, packed.Lengths);
            },
            cancellationToken);
    }

    public Task<byte[]> EncodeStateVectorAsync(ReadOnlyMemory<byte> update, CancellationToken cancellationToken = default) =>
        RunAsync(
            "encodeStateVectorFromUpdate",
            instance =>
            {
                using var bytes = instance.ToScript(update);
                return instance.CallForBytes("encodeStateVectorFromUpdate", bytes);
            },
            cancellationToken);

    public Task<byte[]> DiffUpdateAsync(ReadOnlyMemory<byte> update, ReadOnlyMemory<byte> stateVector, CancellationToken cancellationToken = default) =>
        RunAsync(
            "diffUpdate",
            instance =>
            {
                using var bytes = instance.ToScript(update);
                using var vector = instance.ToScript(stateVector);
                return instance.CallForBytes("diffUpdate", bytes, vector);
            },
            cancellationToken);

    public Task<string> ReadTextAsync(ReadOnlyMemory<byte> state, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return RunAsync(
            "readText",
            instance =>
            {
                using var bytes = instance.ToScript(state);
                return (string)instance.Call("readText", bytes, name);
            },
            cancellationToken);
    }

    public Task<string> ReadMapJsonAsync(ReadOnlyMemory<byte> state, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return RunAsync(
            "readMap",
            instance =>
            {
                using var bytes = instance.ToScript(state);
                return (string)instance.Call("readMap", bytes, name);
            },
            cancellationToken);
    }

    public Task<byte[]> EditTextAsync(ReadOnlyMemory<byte> state, string name, int index, int deleteCount, string insert, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(deleteCount);
        ArgumentNullException.ThrowIfNull(insert);
        return RunAsync(
            "editText",
            instance =>
            {
                using var bytes = instance.ToScript(state);
                return instance.CallForBytes("editText", bytes, name, index, deleteCount, insert);
            },
            cancellationToken);
    }

    public Task<byte[]> ReplaceTextAsync(ReadOnlyMemory<byte> state, string name, string content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(content);
        return RunAsync(
            "replaceText",
            instance =>
            {
                using var bytes = instance.ToScript(state);
                return instance.CallForBytes("replaceText", bytes, name, content);
            },
            cancellationToken);
    }

    public Task<byte[]> RestoreTextAsync(ReadOnlyMemory<byte> current, ReadOnlyMemory<byte> version, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return RunAsync(
            "restoreText",
            instance =>
            {
                using var currentBytes = instance.ToScript(current);
                using var versionBytes = instance.ToScript(version);
                return instance.CallForBytes("restoreText", currentBytes, versionBytes, name);
            },
            cancellationToken);
    }

    public Task<byte[]> RestoreMapAsync(ReadOnlyMemory<byte> current, ReadOnlyMemory<byte> version, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return RunAsync(
            "restoreMap",
            instance =>
            {
                using var currentBytes = instance.ToScript(current);
                using var versionBytes = instance.ToScript(version);
                return instance.CallForBytes("restoreMap", currentBytes, versionBytes, name);
            },
            cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _watchdog.Dispose();
        // Engines in use are disposed when their call returns them.
        while (_idle.TryTake(out var instance))
        {
            instance.Dispose();
        }
        foreach (var lane in _lanes)
        {
            if (lane.Gate.Wait(0))
            {
                lane.Instance?.Dispose();
                lane.Instance = null;
                lane.Gate.Release();
            }
        }
    }

    /// <summary>
    /// A V8 engine with the bundle loaded: <c>globalThis.CoPLiveYjs</c> (the API of <c>entry.js</c>, and the library
    /// itself as <c>CoPLiveYjs.Y</c>). For tests that play real Yjs clients in the same engine.
    /// </summary>
    internal static V8ScriptEngine CreateScriptEngine()
    {
        var engine = new V8ScriptEngine("coplive-yjs", V8ScriptEngineFlags.DisableGlobalMembers);
        try
        {
            // HostServices is private; script may reach its public members, and nothing else of this assembly.
            engine.AccessContext = typeof(HostServices);
            engine.AddHostObject("CoPLiveHost", new HostServices());
            engine.Execute(new DocumentInfo("coplive-yjs.js"), Bundle.Value);
            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    private async Task<T> RunAsync<T>(string operation, Func<Instance, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _idle.TryTake(out var idle);
            return await CallAsync(operation, idle, work, kept => _idle.Add(kept), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Runs work on a live lane's own engine, one call at a time. The documents live in that engine: when it is
    /// discarded (time limit, failure) they are gone, and their next write brings their state again.
    /// </summary>
    /// <param name="whenNotStarted">If given, the answer when the lane has no engine yet (none is started for it).</param>
    private async Task<T> RunLiveAsync<T>(LiveLane lane, string operation, Func<Instance, T> work, CancellationToken cancellationToken, Func<T>? whenNotStarted = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await lane.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var instance = lane.Instance;
            if (instance is null && whenNotStarted is not null)
            {
                return whenNotStarted();
            }
            lane.Instance = null;
            return await CallAsync(operation, instance, work, kept => lane.Instance = kept, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lane.Gate.Release();
        }
    }

    /// <summary>
    /// Runs work on <paramref name="instance"/> (or a new engine) on the thread pool; hands the engine to
    /// <paramref name="keep"/> if it may be reused, disposes it otherwise.
    /// </summary>
    private async Task<T> CallAsync<T>(string operation, Instance? instance, Func<Instance, T> work, Action<Instance> keep, CancellationToken cancellationToken)
    {
        var healthy = false;
        try
        {
            var result = await Task.Run(
                () =>
                {
                    instance ??= StartInstance();
                    return instance.Run(work, _watchdog, _callTimeout, cancellationToken);
                },
                cancellationToken).ConfigureAwait(false);
            healthy = true;
            return result;
        }
        catch (ScriptEngineException exception) when (ScriptErrorName(exception) is { } name && name.StartsWith("Invalid", StringComparison.Ordinal))
        {
            // The script threw on bad input, which leaves the engine as it was.
            healthy = true;
            var message = ScriptErrorMessage(exception);
            if (name == "InvalidUpdateError")
            {
                var index = ScriptErrorIndex(exception);
                throw new InvalidYjsUpdateException(message, index >= 0 ? index : null);
            }
            throw new ArgumentException(message);
        }
        catch (ScriptInterruptedException exception) when (instance?.TimedOut == true)
        {
            LogCallTimedOut(_logger, exception, operation, _callTimeout.TotalSeconds);
            throw new TimeoutException($"The Yjs engine took longer than {_callTimeout.TotalSeconds} s in {operation}.", exception);
        }
        catch (ScriptInterruptedException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ScriptEngineException exception)
        {
            LogEngineFailed(_logger, exception, operation, exception.IsFatal);
            throw new InvalidOperationException($"The Yjs engine failed in {operation}.", exception);
        }
        finally
        {
            if (instance is not null)
            {
                // An interrupt (time limit or cancellation) that raced with the end of a call could hit the next one.
                if (healthy && !instance.TimedOut && !cancellationToken.IsCancellationRequested && !_disposed)
                {
                    keep(instance);
                }
                else
                {
                    instance.Dispose();
                }
            }
        }
    }

    private Instance StartInstance()
    {
        var stopwatch = Stopwatch.StartNew();
        var instance = new Instance(CreateScriptEngine());
        var number = Interlocked.Increment(ref _started);
        LogEngineStarted(_logger, number, stopwatch.ElapsedMilliseconds);
        return instance;
    }

    private static string? ScriptErrorName(ScriptEngineException exception) =>
        exception.ScriptExceptionAsObject is ScriptObject error ? error.GetProperty("name") as string : null;

    private static string ScriptErrorMessage(ScriptEngineException exception) =>
        (exception.ScriptExceptionAsObject as ScriptObject)?.GetProperty("message") as string ?? exception.Message;

    private static int ScriptErrorIndex(ScriptEngineException exception) =>
        (exception.ScriptExceptionAsObject as ScriptObject)?.GetProperty("index") switch
        {
            int index => index,
            double index => (int)index,
            _ => -1,
        };

    private static string LoadBundle()
    {
        using var stream = typeof(V8YjsEngine).Assembly.GetManifestResourceStream(BundleResourceName)
            ?? throw new InvalidOperationException($"The Yjs bundle ({BundleResourceName}) is not embedded; build src/Grains with node and npm installed.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Yjs engine {EngineNumber} started in {ElapsedMilliseconds} ms")]
    private static partial void LogEngineStarted(ILogger logger, int engineNumber, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Yjs engine took longer than {TimeoutSeconds} s in {Operation}; the call was interrupted and the engine discarded")]
    private static partial void LogCallTimedOut(ILogger logger, Exception exception, string operation, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Yjs engine failed in {Operation} (fatal: {IsFatal}); the engine is discarded")]
    private static partial void LogEngineFailed(ILogger logger, Exception exception, string operation, bool isFatal);

    /// <summary>One V8 engine with the bundle loaded, used by one call at a time.</summary>
    private sealed class Instance(V8ScriptEngine engine) : IDisposable
    {
        private readonly ScriptObject _api = (ScriptObject)engine.Script.CoPLiveYjs;
        private readonly ScriptObject _newBytes = (ScriptObject)engine.Evaluate("(length) => new Uint8Array(length)");
        private readonly ScriptObject _newUints = (ScriptObject)engine.Evaluate("(length) => new Uint32Array(length)");

        /// <summary>Whether the watchdog interrupted (or may have interrupted) this engine's last call.</summary>
        public bool TimedOut { get; private set; }

        public T Run<T>(Func<Instance, T> work, YjsWatchdog watchdog, TimeSpan timeout, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deadline = watchdog.Watch(engine, timeout);
            try
            {
                using var registration = cancellationToken.Register(engine.Interrupt);
                return work(this);
            }
            finally
            {
                TimedOut = watchdog.Release(deadline);
            }
        }

        /// <summary>A new JavaScript Uint8Array holding a copy of the bytes; dispose it to free its handle at once.</summary>
        public ScriptBytes ToScript(ReadOnlyMemory<byte> bytes)
        {
            var array = (ITypedArray<byte>)_newBytes.InvokeAsFunction(bytes.Length);
            array.WriteBytes(bytes.Span, 0, (ulong)bytes.Length, 0);
            return new ScriptBytes(array);
        }

        public ScriptBytes ToScript(uint[] values)
        {
            var array = (ITypedArray<uint>)_newUints.InvokeAsFunction(values.Length);
            array.Write(values, 0, (ulong)values.Length, 0);
            return new ScriptBytes(array);
        }

        /// <summary>Updates as one buffer back to back and one length table: two typed arrays, not one per update.</summary>
        public PackedUpdates Pack(IReadOnlyList<ReadOnlyMemory<byte>> updates)
        {
            long total = 0;
            var lengths = new uint[updates.Count];
            for (var i = 0; i < updates.Count; i++)
            {
                lengths[i] = (uint)updates[i].Length;
                total += updates[i].Length;
            }
            if (total > Array.MaxLength)
            {
                throw new ArgumentException("The updates are too large for one call.", nameof(updates));
            }
            var buffer = ArrayPool<byte>.Shared.Rent((int)total);
            try
            {
                var offset = 0;
                foreach (var update in updates)
                {
                    update.Span.CopyTo(buffer.AsSpan(offset));
                    offset += update.Length;
                }
                return new PackedUpdates(ToScript(buffer.AsMemory(0, offset)), ToScript(lengths));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public object Call(string function, params object[] arguments) =>
            _api.InvokeMethod(function, Array.ConvertAll(arguments, argument => argument is ScriptBytes bytes ? bytes.Value : argument));

        public byte[] CallForBytes(string function, params object[] arguments)
        {
            var result = Call(function, arguments);
            try
            {
                return ((ITypedArray<byte>)result).ToArray();
            }
            finally
            {
                (result as IDisposable)?.Dispose();
            }
        }

        public void Dispose()
        {
            _newUints.Dispose();
            _newBytes.Dispose();
            _api.Dispose();
            engine.Dispose();
        }
    }

    /// <summary>Updates packed for one call: the bytes back to back and their lengths.</summary>
    private sealed class PackedUpdates(ScriptBytes data, ScriptBytes lengths) : IDisposable
    {
        public ScriptBytes Data { get; } = data;

        public ScriptBytes Lengths { get; } = lengths;

        public void Dispose()
        {
            Data.Dispose();
            Lengths.Dispose();
        }
    }

    /// <summary>One engine kept for live documents, used by one call at a time; started on first need.</summary>
    private sealed class LiveLane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Instance? Instance { get; set; }
    }

    /// <summary><see cref="IYjsLiveDocument"/> on one live lane, under a key unique in this engine.</summary>
    private sealed class LiveDocument(V8YjsEngine owner, LiveLane lane, string key) : IYjsLiveDocument
    {
        private int _disposed;

        public async Task<bool> TryApplyAsync(IReadOnlyList<ReadOnlyMemory<byte>> updates, IReadOnlyList<ReadOnlyMemory<byte>>? state, CancellationToken cancellationToken = default) =>
            (await TryApplyForEffectAsync(updates, state, cancellationToken).ConfigureAwait(false)).Applied;

        public Task<YjsLiveApplied> TryApplyForEffectAsync(IReadOnlyList<ReadOnlyMemory<byte>> updates, IReadOnlyList<ReadOnlyMemory<byte>>? state, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(updates);
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return owner.RunLiveAsync(
                lane,
                "applyLive",
                instance =>
                {
                    using var packed = instance.Pack(updates);
                    using var stored = state is null ? null : instance.Pack(state);
                    var result = instance.Call("applyLive", key, owner._maxLiveDocuments, stored?.Data ?? (object)Undefined.Value, stored?.Lengths ?? (object)Undefined.Value, packed.Data, packed.Lengths);
                    return result switch
                    {
                        bool applied => new YjsLiveApplied(applied, null),
                        _ => new YjsLiveApplied(true, BytesOrNull(result)),
                    };
                },
                cancellationToken);
        }

        public Task<byte[]?> TryEncodeStateAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return owner.RunLiveAsync(lane, "encodeLive", instance => BytesOrNull(instance.Call("encodeLive", key)), cancellationToken, () => null);
        }

        public Task<byte[]?> TryDiffAsync(ReadOnlyMemory<byte> stateVector, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return owner.RunLiveAsync(
                lane,
                "diffLive",
                instance =>
                {
                    using var vector = instance.ToScript(stateVector);
                    return BytesOrNull(instance.Call("diffLive", key, vector));
                },
                cancellationToken,
                () => null);
        }

        private static byte[]? BytesOrNull(object result)
        {
            if (result is not ITypedArray<byte> bytes)
            {
                return null;
            }
            try
            {
                return bytes.ToArray();
            }
            finally
            {
                (result as IDisposable)?.Dispose();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0 || owner._disposed)
            {
                return;
            }
            await owner.RunLiveAsync(
                lane,
                "closeLive",
                instance =>
                {
                    instance.Call("closeLive", key);
                    return true;
                },
                CancellationToken.None,
                () => true).ConfigureAwait(false);
        }
    }

    /// <summary>A handle on a JavaScript typed array; disposing it lets V8 collect the array without waiting for .NET's GC.</summary>
    private sealed class ScriptBytes(object value) : IDisposable
    {
        public object Value { get; } = value;

        public void Dispose() => (Value as IDisposable)?.Dispose();
    }

    /// <summary>What the bundle may ask of the host: cryptographically random bytes for lib0's <c>crypto.getRandomValues</c>.</summary>
    private sealed class HostServices
    {
        [ScriptMember("fillRandom")]
        public void FillRandom(object target)
        {
            if (target is not ITypedArray<byte> array)
            {
                throw new ArgumentException("fillRandom needs a Uint8Array.", nameof(target));
            }
            var length = checked((int)array.Length);
            Span<byte> random = length <= 1024 ? stackalloc byte[length] : new byte[length];
            RandomNumberGenerator.Fill(random);
            array.WriteBytes(random, 0, (ulong)length, 0);
        }
    }
}
