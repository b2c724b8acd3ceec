using CoPLive.Documents.Yjs;
using CoPLive.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// One embedded-default gateway (Kestrel on loopback, co-hosted silo, SQLite file) for the live document tests, small
/// limits so that refusals are cheap to provoke, one live document per Yjs engine, editing sessions that end after a second, real Yjs clients and an engine to read what clients hold.
/// </summary>
public sealed class LiveGatewayFixture : IAsyncLifetime
{
    /// <summary>The update size limit the fixture configures.</summary>
    public const int MaxUpdateBytes = 16 * 1024;

    /// <summary>The rate limit the fixture configures (updates per second, and burst).</summary>
    public const int UpdatesPerSecond = 200;

    public const int UpdateBurst = 400;

    private readonly string _folder = RepositoryPaths.NewTempFolder();

    public TestGateway Gateway { get; private set; } = null!;

    public V8YjsEngine Yjs { get; } = new(NullLogger<V8YjsEngine>.Instance);

    public RealClients Clients { get; } = new();

    public async Task InitializeAsync()
    {
        var settings = TestGateway.SqliteSettings(_folder);
        settings["CoPLive:Documents:MaxUpdateBytes"] = MaxUpdateBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["CoPLive:Documents:UpdatesPerSecond"] = UpdatesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["CoPLive:Documents:UpdateBurst"] = UpdateBurst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["CoPLive:Documents:CompactAfterUpdates"] = "50";
        settings["CoPLive:Documents:EditSessionIdle"] = "00:00:01";
        // One live document per Yjs engine: the tests' documents keep pushing each other out, so every write path also
        // runs through closing and reopening live copies.
        settings["CoPLive:Documents:MaxLiveDocuments"] = "1";
        Gateway = await TestGateway.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Clients.Dispose();
        Yjs.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LiveGatewayCollection : ICollectionFixture<LiveGatewayFixture>
{
    public const string Name = "live-documents";
}
