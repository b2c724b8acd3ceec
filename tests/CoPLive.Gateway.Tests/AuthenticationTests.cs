using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class AuthenticationTests(GatewayFixture fixture)
{
    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/api/communities" },
        { "POST", "/api/communities" },
        { "GET", "/api/communities/some-id" },
        { "POST", "/api/communities/some-id/organizations" },
        { "POST", "/api/communities/some-id/join" },
        { "GET", "/api/communities/some-id/members" },
        { "POST", "/api/organizations" },
        { "GET", "/api/organizations/some-id" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task EveryRoute_WithoutAToken_Is401(string method, string path)
    {
        var response = await fixture.Gateway.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });

        await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "garbage", "not.a.jwt" },
        { "expired", Tokens.Make(expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "wrong key", Tokens.Make(key: "another-key-that-is-long-enough-to-be-a-real-key-123") },
        { "wrong issuer", Tokens.Make(issuer: "someone-else") },
        { "wrong audience", Tokens.Make(audience: "another-app") },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task AnInvalidOrExpiredToken_Is401(string why, string token)
    {
        using var client = fixture.Gateway.Client(token);

        var response = await client.GetAsync("/api/communities");

        Assert.False(string.IsNullOrEmpty(why));
        await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task AValidTokenWithoutTheOrgClaim_Is401()
    {
        using var client = fixture.Gateway.Client(Tokens.Make(claims: [new Claim("sub", "someone"), new Claim("name", "Someone")]));

        var response = await client.GetAsync("/api/communities");

        await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task TheHub_WithoutAToken_RefusesTheConnection()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(fixture.Gateway.Address, "/hubs/live")).Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task TheHub_WithAnExpiredToken_RefusesTheConnection()
    {
        await using var hub = fixture.Gateway.Hub(Tokens.Make(expires: DateTime.UtcNow.AddMinutes(-5)));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task TheTokenInTheQuery_IsAcceptedOnlyOnWebSocketPaths()
    {
        var token = await fixture.Gateway.TokenAsync(CoPLiveIds.New("u"), "U", CoPLiveIds.New("org"));

        var onApi = await fixture.Gateway.Http.GetAsync($"/api/communities?access_token={token}");
        var onHub = await fixture.Gateway.Http.PostAsync($"/hubs/live/negotiate?negotiateVersion=1&access_token={token}", null);

        await ApiAssert.ErrorAsync(onApi, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, onHub.StatusCode);
    }
}

/// <summary>A gateway outside development: no development sign-in, tokens from the configured issuer only.</summary>
public sealed class ProductionModeTests : IAsyncLifetime
{
    private const string ProductionKey = "production-signing-key-for-the-test-at-least-32-bytes";
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        var settings = TestGateway.SqliteSettings(RepositoryPaths.NewTempFolder());
        settings["CoPLive:Auth:SigningKey"] = ProductionKey;
        settings["CoPLive:Auth:Issuer"] = "https://id.example.test";
        settings["CoPLive:Auth:Audience"] = "coplive";
        _gateway = await TestGateway.StartAsync(settings, environment: "Production");
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task DevTokenRoute_DoesNotExist()
    {
        var response = await _gateway.Http.PostAsync(
            "/api/dev/token",
            new StringContent("{\"userId\":\"a\",\"displayName\":\"A\",\"organizationId\":\"o\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.True(
            response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.Unauthorized,
            $"POST /api/dev/token answered {(int)response.StatusCode}");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TokensOfTheDevelopmentIssuer_AreRefused_AndTheConfiguredIssuersAreAccepted()
    {
        using var devClient = _gateway.Client(Tokens.Make());
        using var realClient = _gateway.Client(Tokens.Make(key: ProductionKey, issuer: "https://id.example.test"));

        await ApiAssert.ErrorAsync(await devClient.GetAsync("/api/communities"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await realClient.GetAsync("/api/communities")).StatusCode);
    }

    [Fact]
    public async Task OnlyPlatformOperators_RegisterOrganizations()
    {
        var org = CoPLiveIds.New("org");
        using var member = _gateway.Client(Tokens.Make(key: ProductionKey, issuer: "https://id.example.test"));
        using var operatorClient = _gateway.Client(Tokens.Make(
            key: ProductionKey,
            issuer: "https://id.example.test",
            claims: [new Claim("sub", "op"), new Claim("name", "Operator"), new Claim("org", "platform"), new Claim("role", "platform-operator")]));

        var refused = await member.PostAsync("/api/organizations", Body(org));
        var accepted = await operatorClient.PostAsync("/api/organizations", Body(org));

        await ApiAssert.ErrorAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);

        static StringContent Body(string id) =>
            new($"{{\"id\":\"{id}\",\"name\":\"Contoso\"}}", System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
    }
}
