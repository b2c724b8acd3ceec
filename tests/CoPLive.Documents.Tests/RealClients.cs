using CoPLive.Documents.Yjs;
using Microsoft.ClearScript;
using Microsoft.ClearScript.JavaScript;
using Microsoft.ClearScript.V8;

namespace CoPLive.Documents.Tests;

/// <summary>
/// Real Yjs clients (Fixtures/real-clients.js) in a V8 engine of the tests' own, running the same bundled yjs as the
/// server. Not thread-safe: the tests of the collection that share it run one at a time.
/// </summary>
public sealed class RealClients : IDisposable
{
    private readonly V8ScriptEngine _engine;
    private readonly ScriptObject _clients;
    private readonly ScriptObject _newBytes;

    public RealClients()
    {
        _engine = V8YjsEngine.CreateScriptEngine();
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-clients.js"));
        _engine.Execute(new DocumentInfo("real-clients.js"), script);
        _clients = (ScriptObject)_engine.Script.RealClients;
        _newBytes = (ScriptObject)_engine.Evaluate("(length) => new Uint8Array(length)");
    }

    /// <summary>The update a client that has <paramref name="state"/> makes by running <paramref name="change"/> (JavaScript with <c>doc</c> and <c>Y</c>) in one transaction.</summary>
    public byte[] Change(ReadOnlyMemory<byte> state, string change) =>
        FromScript(_clients.InvokeMethod("change", ToScript(state), change));

    /// <summary>The state of a client that had <paramref name="state"/> and applied <paramref name="update"/>.</summary>
    public byte[] Apply(ReadOnlyMemory<byte> state, ReadOnlyMemory<byte> update) =>
        FromScript(_clients.InvokeMethod("apply", ToScript(state), ToScript(update)));

    /// <summary>The Y.Text called <paramref name="name"/> as a client sees it: JSON of its delta, formatting included.</summary>
    public string TextDelta(ReadOnlyMemory<byte> state, string name) =>
        (string)_clients.InvokeMethod("textDelta", ToScript(state), name);

    /// <summary>Replays a concurrent editing trace with one client per agent (see real-clients.js).</summary>
    public ReplayedTrace ReplayConcurrentTrace(string traceJson, string name)
    {
        var result = (ScriptObject)_clients.InvokeMethod("replayConcurrentTrace", traceJson, name);
        var data = FromScript(result.GetProperty("data"));
        var lengths = ((ITypedArray<uint>)result.GetProperty("lengths")).ToArray();
        var updates = new List<ReadOnlyMemory<byte>>(lengths.Length);
        var offset = 0;
        foreach (var length in lengths)
        {
            updates.Add(data.AsMemory(offset, (int)length));
            offset += (int)length;
        }
        return new ReplayedTrace(updates, FromScript(result.GetProperty("reference")), (string)result.GetProperty("referenceText"));
    }

    public void Dispose()
    {
        _newBytes.Dispose();
        _clients.Dispose();
        _engine.Dispose();
    }

    private ITypedArray<byte> ToScript(ReadOnlyMemory<byte> bytes)
    {
        var array = (ITypedArray<byte>)_newBytes.InvokeAsFunction(bytes.Length);
        array.WriteBytes(bytes.Span, 0, (ulong)bytes.Length, 0);
        return array;
    }

    private static byte[] FromScript(object value) => ((ITypedArray<byte>)value).ToArray();
}

/// <summary>The updates of a replayed trace, in trace order, and what a client that received all of them encodes.</summary>
public sealed record ReplayedTrace(IReadOnlyList<ReadOnlyMemory<byte>> Updates, byte[] ReferenceState, string ReferenceText);
