using CoPLive.Testing;

namespace CoPLive.Gateway.Tests;

/// <summary>One embedded-default gateway (Kestrel on loopback, co-hosted silo, SQLite file) shared by the collection.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly string _folder = RepositoryPaths.NewTempFolder();

    public TestGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await TestGateway.StartAsync(TestGateway.SqliteSettings(_folder));

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
