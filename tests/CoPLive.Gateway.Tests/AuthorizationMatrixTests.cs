using System.Net;
using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// Every community route and hub method, against each kind of caller who must be refused: anonymous, a
/// member of a non-admitted organization, a guest, and a plain member. Each gets the right error and learns
/// nothing, and nothing changes. (Audiences of content items come with the items.)
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class AuthorizationMatrixTests(GatewayFixture fixture)
{
    /// <summary>Who may call a route: anyone who may see the community, members, moderators or coordinators.</summary>
    public enum Needs
    {
        Visible,
        Member,
        Moderator,
        Coordinator,
    }

    public static TheoryData<string, string, string?, Needs> Routes => new()
    {
        { "GET", "/api/communities/{id}", null, Needs.Visible },
        { "POST", "/api/communities/{id}/join", null, Needs.Visible },
        { "GET", "/api/communities/{id}/members", null, Needs.Member },
        { "POST", "/api/communities/{id}/leave", null, Needs.Member },
        { "POST", "/api/communities/{id}/organizations", "{\"organizationId\":\"{other}\"}", Needs.Coordinator },
        { "DELETE", "/api/communities/{id}/organizations/{other}", null, Needs.Coordinator },
        { "PUT", "/api/communities/{id}/organizations/{other}/presence", "{\"presence\":\"counted\"}", Needs.Coordinator },
        { "PUT", "/api/communities/{id}/join-policy", "{\"joinPolicy\":\"invitation\"}", Needs.Coordinator },
        { "POST", "/api/communities/{id}/invitations", "{\"userId\":\"someone\",\"organizationId\":\"{other}\"}", Needs.Moderator },
        { "GET", "/api/communities/{id}/invitations", null, Needs.Moderator },
        { "GET", "/api/communities/{id}/requests", null, Needs.Moderator },
        { "POST", "/api/communities/{id}/requests/{member}/approve", null, Needs.Moderator },
        { "POST", "/api/communities/{id}/requests/{member}/refuse", null, Needs.Moderator },
        { "PUT", "/api/communities/{id}/members/{member}/role", "{\"role\":\"coordinator\"}", Needs.Coordinator },
        { "DELETE", "/api/communities/{id}/members/{member}", null, Needs.Coordinator },
        { "GET", "/api/communities/{id}/audit", null, Needs.Coordinator },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EachRoute_RefusesThoseWhoMayNot_AndChangesNothing(string method, string template, string? body, Needs needs)
    {
        var gateway = fixture.Gateway;
        var alice = await Member.SignInAsync(gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(gateway, "Bob", CoPLiveIds.New("contoso"));
        var guest = await Member.SignInAsync(gateway, "Gus", alice.OrganizationId);
        var plain = await Member.SignInAsync(gateway, "Pat", alice.OrganizationId);
        var stranger = await Member.SignInAsync(gateway, "Eve", CoPLiveIds.New("elsewhere"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await guest.JoinAsync(community.Id);
        await plain.JoinAsync(community.Id);
        await bob.JoinAsync(community.Id);
        await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{guest.UserId}/role", new { role = "guest" });
        var before = await SnapshotAsync(alice, community.Id);
        var path = template.Replace("{id}", community.Id, StringComparison.Ordinal)
            .Replace("{other}", bob.OrganizationId, StringComparison.Ordinal)
            .Replace("{member}", bob.UserId, StringComparison.Ordinal);
        var json = body?.Replace("{other}", bob.OrganizationId, StringComparison.Ordinal);

        await ApiAssert.ErrorAsync(await Requests.SendAsync(gateway.Http, method, path, json), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await ApiAssert.ErrorAsync(await Requests.SendAsync(stranger.Http, method, path, json), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        if (needs >= Needs.Moderator)
        {
            await ApiAssert.ErrorAsync(await Requests.SendAsync(guest.Http, method, path, json), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await ApiAssert.ErrorAsync(await Requests.SendAsync(plain.Http, method, path, json), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        Assert.Equal(before, await SnapshotAsync(alice, community.Id));
        Assert.DoesNotContain(await ApiAssert.OkAsync<CommunityDetails[]>(await stranger.Http.GetAsync("/api/communities")), c => c.Id == community.Id);
    }

    [Fact]
    public async Task TheHub_RefusesStrangersAndNonMembers_AndLetsGuestsBePresent()
    {
        var gateway = fixture.Gateway;
        var alice = await Member.SignInAsync(gateway, "Alice", CoPLiveIds.New("northwind"));
        var guest = await Member.SignInAsync(gateway, "Gus", alice.OrganizationId);
        var stranger = await Member.SignInAsync(gateway, "Eve", CoPLiveIds.New("elsewhere"));
        var community = await alice.CreateCommunityAsync();
        await guest.JoinAsync(community.Id);
        await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{guest.UserId}/role", new { role = "guest" });
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var strangerHub = gateway.Hub(stranger.Token);
        await using var guestHub = gateway.Hub(guest.Token);
        await strangerHub.StartAsync();
        await guestHub.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room));
        var guestView = await guestHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);

        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(refused));
        Assert.Contains(guest.UserId, guestView.Members.Select(m => m.UserId));
    }

    private static async Task<string> SnapshotAsync(Member coordinator, string communityId)
    {
        var details = await coordinator.Http.GetStringAsync($"/api/communities/{communityId}");
        var members = await coordinator.Http.GetStringAsync($"/api/communities/{communityId}/members");
        var audit = await coordinator.Http.GetStringAsync($"/api/communities/{communityId}/audit");
        return details + members + audit;
    }
}
