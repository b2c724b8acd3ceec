using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Testing;

namespace CoPLive.Gateway.Tests;

/// <summary>Members with tokens and communities made through the REST API, fresh per test.</summary>
public sealed record Member(string UserId, string DisplayName, string OrganizationId, string Token, HttpClient Http)
{
    public static async Task<Member> SignInAsync(TestGateway gateway, string displayName, string organizationId)
    {
        var userId = CoPLiveIds.New(displayName);
        var token = await gateway.TokenAsync(userId, displayName, organizationId);
        return new Member(userId, displayName, organizationId, token, gateway.Client(token));
    }

    public async Task<CommunityDetails> CreateCommunityAsync(string name = "Rock mechanics")
    {
        var response = await Http.PostAsJsonAsync("/api/communities", new { name, domain = "geotechnics", description = "Slopes and tunnels" });
        return await ApiAssert.OkAsync<CommunityDetails>(response);
    }

    public async Task AdmitAsync(string communityId, string organizationId) =>
        await ApiAssert.OkAsync<CommunityDetails>(
            await Http.PostAsJsonAsync($"/api/communities/{communityId}/organizations", new { organizationId }));

    public async Task JoinAsync(string communityId) =>
        await ApiAssert.OkAsync<JoinResult>(await Http.PostAsync($"/api/communities/{communityId}/join", null));
}
