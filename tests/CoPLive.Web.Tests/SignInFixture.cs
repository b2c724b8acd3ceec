using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoPLive.Testing;

namespace CoPLive.Web.Tests;

/// <summary>
/// A gateway process in production mode (no development sign-in) whose authority is a real OpenID Connect
/// provider on loopback (<see cref="TestIdentityProvider"/>), with the web app registered as its public client.
/// The organizations <see cref="Organizations"/> are registered by a platform operator's token from the provider.
/// </summary>
public sealed class SignInFixture : IAsyncLifetime
{
    /// <summary>The organizations the sign-in scenarios sign people in as members of.</summary>
    public static readonly string[] Organizations = ["northwind", "contoso"];

    private readonly string _folder = RepositoryPaths.NewTempFolder();

    public TestIdentityProvider Provider { get; private set; } = null!;

    public GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>The redirect URI the web app uses and the provider has registered: the gateway's root.</summary>
    public string RedirectUri { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = FreePorts.Next();
        RedirectUri = $"http://127.0.0.1:{port}/";
        Provider = await TestIdentityProvider.StartAsync(RedirectUri);
        var settings = TestGateway.SqliteSettings(_folder);
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["ASPNETCORE_WEBROOT"] = Path.Combine(RepositoryPaths.Root, "src", "Gateway", "wwwroot");
        settings["CoPLive:Auth:Authority"] = Provider.Issuer;
        settings["CoPLive:Auth:Audience"] = TestIdentityProvider.ApiAudience;
        settings["CoPLive:Auth:ClientId"] = TestIdentityProvider.ClientId;
        settings["CoPLive:Auth:ProviderName"] = "Test provider";
        settings["CoPLive:Auth:RequireHttpsMetadata"] = "false";
        Gateway = await GatewayProcess.StartAsync(settings, port);

        using var http = Client(Provider.Issue("operator", "Operator", "platform", TestIdentityProvider.ApiAudience, role: "platform-operator"));
        foreach (var organization in Organizations)
        {
            var response = await http.PostAsJsonAsync("/api/organizations", new { id = organization, name = organization });
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>A client of the gateway that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Gateway.Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
