using CoPLive.Testing;

namespace CoPLive.Web.Tests;

/// <summary>
/// One gateway process in development mode (embedded default: co-hosted silo, SQLite file) shared by the browser
/// tests, serving the web app from its build output exactly as `dotnet run` does.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    private readonly string _folder = RepositoryPaths.NewTempFolder();

    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayProcess.StartAsync(TestGateway.SqliteSettings(_folder));

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
