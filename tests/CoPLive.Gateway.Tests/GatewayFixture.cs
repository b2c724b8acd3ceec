using CoPLive.Testing;

namespace CoPLive.Gateway.Tests;

/// <summary>One embedded-default gateway (Kestrel on loopback, co-hosted silo, SQLite file) shared by the collection.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly string _folder = RepositoryPaths.NewTempFolder();

    public TestGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = TestGateway.SqliteSettings(_folder);

        // A small bound, so a stalled client is cut off after little traffic; a long grace, so a test that
        // reads again afterwards is sure to find the reason.
        settings["CoPLive:Live:MaxQueuedBytesPerConnection"] = (256 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["CoPLive:Live:CutOffGracePeriod"] = "00:01:00";
        Gateway = await TestGateway.StartAsync(settings);
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
