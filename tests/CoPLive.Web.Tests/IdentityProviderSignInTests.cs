using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace CoPLive.Web.Tests;

/// <summary>
/// Production sign-in without a browser: the public configuration the web app reads, the provider's PKCE check
/// (a wrong verifier gets no token), and which of the provider's tokens the gateway accepts.
/// </summary>
[Collection(SignInCollection.Name)]
public sealed class IdentityProviderSignInTests(SignInFixture fixture)
{
    [Fact]
    public async Task TheAuthConfig_NamesTheProviderAndTheClient_Anonymously()
    {
        using var http = fixture.Client();
        var config = await http.GetFromJsonAsync<JsonElement>("/api/auth/config");
        Assert.Equal("oidc", config.GetProperty("mode").GetString());
        Assert.Equal(fixture.Provider.Issuer, config.GetProperty("authority").GetString());
        Assert.Equal(TestIdentityProvider.ClientId, config.GetProperty("clientId").GetString());
        Assert.Equal("openid profile", config.GetProperty("scopes").GetString());
        Assert.Equal("org", config.GetProperty("organizationClaim").GetString());
        var development = await http.PostAsJsonAsync("/api/dev/token", new { userId = "mallory", displayName = "Mallory", organizationId = "northwind" });
        Assert.Equal(HttpStatusCode.NotFound, development.StatusCode);
    }

    [Fact]
    public async Task TheTokenEndpoint_RefusesAWrongVerifier_AndTheCodeIsThenSpent()
    {
        using var provider = ProviderClient();
        var verifier = Verifier();
        var code = await AuthorizeAsync(provider, verifier, "ada", "northwind");

        var wrong = await ExchangeAsync(provider, code, Verifier());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var again = await ExchangeAsync(provider, code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task TheGateway_AcceptsTheProvidersAccessToken_AndRefusesItsIdTokenForAnotherAudience()
    {
        using var provider = ProviderClient();
        var verifier = Verifier();
        var code = await AuthorizeAsync(provider, verifier, "grace", "contoso");
        var tokens = await (await ExchangeAsync(provider, code, verifier)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        using var accepted = fixture.Client(tokens.GetProperty("access_token").GetString());
        var communities = await accepted.GetAsync("/api/communities");
        Assert.Equal(HttpStatusCode.OK, communities.StatusCode);

        // The id token is the provider's too, but for the client, not for the API.
        using var idToken = fixture.Client(tokens.GetProperty("id_token").GetString());
        await AssertUnauthorizedAsync(await idToken.GetAsync("/api/communities"));

        using var otherApi = fixture.Client(fixture.Provider.Issue("grace", "Grace", "contoso", "another-api"));
        await AssertUnauthorizedAsync(await otherApi.GetAsync("/api/communities"));
    }

    [Fact]
    public async Task TheGateway_RefusesATokenWithTheProvidersClaimsButAnotherKey()
    {
        await using var other = await TestIdentityProvider.StartAsync(fixture.RedirectUri);
        var forged = other.Issue("grace", "Grace", "contoso", TestIdentityProvider.ApiAudience);
        using var http = fixture.Client(forged);
        await AssertUnauthorizedAsync(await http.GetAsync("/api/communities"));
    }

    [Fact]
    public async Task AProviderSubjectThatIsNotAnId_BecomesOneStableMember_AndACapitalizedOrganizationItsId()
    {
        // Providers' subjects are rarely CoPLive ids (capitals, '|'); each sign-in must still be the same member.
        const string subject = "Auth0|5F3aB9c0DE";
        using var first = fixture.Client(fixture.Provider.Issue(subject, "Hedy", "Northwind", TestIdentityProvider.ApiAudience));
        var created = await first.PostAsJsonAsync("/api/communities", new { name = "Ventilation", domain = "mining" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var communityId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var again = fixture.Client(fixture.Provider.Issue(subject, "Hedy", "Northwind", TestIdentityProvider.ApiAudience));
        var members = await again.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/members");
        var member = Assert.Single(members.EnumerateArray());
        var userId = member.GetProperty("userId").GetString();
        Assert.Matches("^p-[a-z2-7]{26}$", userId);
        Assert.Equal("northwind", member.GetProperty("organizationId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/api/communities/{communityId}/audit")).StatusCode);

        // Another subject differing only in case is another person, who is not the community's coordinator.
        using var other = fixture.Client(fixture.Provider.Issue("auth0|5f3ab9c0de", "Eve", "northwind", TestIdentityProvider.ApiAudience));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/communities/{communityId}/audit")).StatusCode);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private HttpClient ProviderClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Provider.Issuer) };

    private static string Verifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Submits the provider's sign-in form as a person would; returns the code from the redirect.</summary>
    private async Task<string> AuthorizeAsync(HttpClient provider, string verifier, string user, string organization)
    {
        var page = await provider.GetAsync(
            $"/authorize?response_type=code&client_id={TestIdentityProvider.ClientId}&redirect_uri={Uri.EscapeDataString(fixture.RedirectUri)}" +
            $"&scope=openid&state=s1&nonce=n1&code_challenge={TestIdentityProvider.Challenge(verifier)}&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var response = await provider.PostAsync("/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = TestIdentityProvider.ClientId,
            ["redirect_uri"] = fixture.RedirectUri,
            ["state"] = "s1",
            ["nonce"] = "n1",
            ["code_challenge"] = TestIdentityProvider.Challenge(verifier),
            ["user"] = user,
            ["name"] = user,
            ["org"] = organization,
            ["decision"] = "allow",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(fixture.RedirectUri, location.ToString(), StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("s1", query["state"]);
        return query["code"]!;
    }

    private Task<HttpResponseMessage> ExchangeAsync(HttpClient provider, string code, string verifier) =>
        provider.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = fixture.RedirectUri,
            ["client_id"] = TestIdentityProvider.ClientId,
            ["code_verifier"] = verifier,
        }));
}
