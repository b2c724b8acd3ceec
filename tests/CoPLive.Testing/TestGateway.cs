using CoPLive.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CoPLive.Testing;

/// <summary>A real gateway node (Kestrel on a loopback port, co-hosting a silo) started inside the test process.</summary>
public sealed class TestGateway : IGatewayNode, IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGateway(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>An anonymous client.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Settings for the embedded default: SQLite file in <paramref name="folder"/>, localhost clustering on free ports.</summary>
    public static Dictionary<string, string?> SqliteSettings(string folder) => new()
    {
        ["CoPLive:Orleans:Persistence"] = "Sqlite",
        ["CoPLive:Orleans:SqlitePath"] = Path.Combine(folder, "coplive.db"),
        ["CoPLive:Orleans:SiloPort"] = FreePorts.Next().ToString(),
        ["CoPLive:Orleans:GatewayPort"] = FreePorts.Next().ToString(),
        ["CoPLive:Live:SubscriptionLifetime"] = "00:00:06",
    };

    /// <summary>Settings for a cluster node on PostgreSQL: storage, clustering and reminders.</summary>
    public static Dictionary<string, string?> PostgreSqlSettings(string connectionString, string clusterId) => new()
    {
        ["CoPLive:Orleans:Persistence"] = "PostgreSql",
        ["CoPLive:Orleans:PostgreSqlConnectionString"] = connectionString,
        ["CoPLive:Orleans:ClusterId"] = clusterId,
        ["CoPLive:Orleans:ServiceId"] = clusterId,
        ["CoPLive:Orleans:AdvertisedIPAddress"] = "127.0.0.1",
        ["CoPLive:Orleans:SiloPort"] = FreePorts.Next().ToString(),
        ["CoPLive:Orleans:GatewayPort"] = FreePorts.Next().ToString(),
        ["CoPLive:Live:SubscriptionLifetime"] = "00:00:06",
    };

    /// <summary><paramref name="settings"/> with a silo port and a gateway port of its own: another node of the same cluster.</summary>
    public static Dictionary<string, string?> WithOwnPorts(IReadOnlyDictionary<string, string?> settings) =>
        new(settings)
        {
            ["CoPLive:Orleans:SiloPort"] = FreePorts.Next().ToString(),
            ["CoPLive:Orleans:GatewayPort"] = FreePorts.Next().ToString(),
        };

    public static async Task<TestGateway> StartAsync(IReadOnlyDictionary<string, string?> settings, string environment = "Development")
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--environment={environment}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:CoPLive=Information",
        };
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var app = GatewayApplication.Create([.. args]);
        await app.StartAsync().Within("the gateway starts", TimeSpan.FromSeconds(60));
        return new TestGateway(app, new Uri(app.Addresses().First()));
    }

    public T GetRequiredService<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
