using CoPLive.Documents.Yjs;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoPLive.Documents.Tests;

/// <summary>One engine under test (a pool of two V8 engines) and one set of real Yjs clients, shared by the tests.</summary>
public sealed class YjsFixture : IDisposable
{
    public V8YjsEngine Engine { get; } = new(NullLogger<V8YjsEngine>.Instance, maxEngines: 2);

    public RealClients Clients { get; } = new();

    public void Dispose()
    {
        Clients.Dispose();
        Engine.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class YjsCollection : ICollectionFixture<YjsFixture>
{
    public const string Name = "yjs";
}
