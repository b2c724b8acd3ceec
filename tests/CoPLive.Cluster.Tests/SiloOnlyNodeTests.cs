using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Rooms;
using CoPLive.Silo.Hosting;
using CoPLive.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CoPLive.Cluster.Tests;

/// <summary>
/// The split topology: a silo-only node (what `dotnet run --project src/Silo` runs) and a gateway that
/// is a pure Orleans client of it, on PostgreSQL clustering and storage.
/// </summary>
public sealed class SiloOnlyNodeTests : IAsyncLifetime
{
    private IHost _silo = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        var settings = TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, $"split-{Guid.NewGuid():n}");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseCoPLiveSilo(CoPLiveOrleansOptions.FromConfiguration(builder.Configuration)));
        _silo = builder.Build();
        await _silo.StartAsync().Within("the silo-only node starts", TimeSpan.FromSeconds(60));

        var clientSettings = new Dictionary<string, string?>(settings) { ["CoPLive:Gateway:Role"] = "Client" };
        _gateway = await TestGateway.StartAsync(clientSettings);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _silo.StopAsync();
        _silo.Dispose();
    }

    [Fact]
    public async Task AClientOnlyGateway_ServesRestAndPresence_ThroughTheSiloOnlyNode()
    {
        var token = await _gateway.TokenAsync("alice", "Alice", CoPLiveIds.New("northwind"));
        using var http = _gateway.Client(token);
        var response = await http.PostAsJsonAsync("/api/communities", new { name = "Blasting", domain = "mining" });
        var community = (await response.Content.ReadFromJsonAsync<CommunityDetails>(Json.Options))!;
        await using var hub = _gateway.Hub(token);
        await hub.StartAsync();
        using var view = new RoomWatcher(hub, RoomId.ForCommunity(community.Id).ToString());

        var snapshot = await view.EnterAsync(hub);

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["alice"], snapshot.Members.Select(m => m.UserId));
    }
}
