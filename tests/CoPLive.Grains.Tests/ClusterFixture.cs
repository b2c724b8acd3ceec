using CoPLive.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CoPLive.Grains.Tests;

/// <summary>
/// One in-process test cluster for the grain tests. Grain storage is in memory here, to test grain
/// behaviour fast; the real SQLite and PostgreSQL storage is proven by CoPLive.Cluster.Tests.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; } = BuildCluster();

    public IGrainFactory Grains => Cluster.Client;

    public IClusterClient Client => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static InProcessTestCluster BuildCluster()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Main);

            // Small numbers, so that a test can make a room large with a few members and page its roster.
            silo.Services.Configure<PresenceOptions>(presence =>
            {
                // Long ticks, so that the calls a test makes "within one tick" surely are, even on a loaded machine.
                presence.Tick = TimeSpan.FromSeconds(1);
                presence.LargeRoomTick = TimeSpan.FromSeconds(1);
                presence.LargeRoomThreshold = 4;
                presence.RosterPageSize = 2;
                presence.ReplayEvents = 3;
                presence.UnsubscribedConnectionGrace = TimeSpan.FromSeconds(2);
            });
        });
        return builder.Build();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
