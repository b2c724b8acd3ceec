using CoPLive.Common;
using CoPLive.Gateway.Live;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// A member who is entering a room while they are removed ends up out of it either way: refused, or entered and
/// then evicted. None of their connections may stay in the room because its entry raced the revocation.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class EntryDuringRevocationTests(GatewayFixture fixture)
{
    private const int Connections = 24;

    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task EntriesRacingARemoval_EndRefusedOrEvicted_NeverLeftInTheRoom()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await bob.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await aliceHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        await aliceView.EnterAsync(aliceHub);
        var bobHubs = new List<(HubConnection Hub, TaskCompletionSource Revoked)>();
        try
        {
            for (var i = 0; i < Connections; i++)
            {
                var hub = Gateway.Hub(bob.Token);
                var revoked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                hub.On<AccessRevoked>("AccessRevoked", r =>
                {
                    if (r.Room == room)
                    {
                        revoked.TrySetResult();
                    }
                });
                await hub.StartAsync();
                bobHubs.Add((hub, revoked));
            }

            // Entries spread before, during and after the removal, so that some race it.
            var entries = bobHubs.Select(async (b, i) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(i * 2));
                try
                {
                    await b.Hub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
                    return true;
                }
                catch (HubException refused)
                {
                    Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(refused));
                    return false;
                }
            }).ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(Connections));
            (await alice.Http.DeleteAsync($"/api/communities/{community.Id}/members/{bob.UserId}")).EnsureSuccessStatusCode();
            var entered = await Task.WhenAll(entries).Within("every entry of Bob's finishes");

            for (var i = 0; i < Connections; i++)
            {
                if (entered[i])
                {
                    await bobHubs[i].Revoked.Task.Within($"Bob's connection {i}, which entered, is evicted with AccessRevoked");
                }
            }

            await aliceView.WaitForAbsentAsync(bob.UserId);
            var fresh = await aliceView.EnterAsync(aliceHub);
            Assert.DoesNotContain(bob.UserId, fresh.Members.Select(m => m.UserId));
            Assert.Equal(0, fresh.CountsByOrganization.GetValueOrDefault(bob.OrganizationId));
            foreach (var (hub, _) in bobHubs)
            {
                var roster = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RosterPage>("GetRoster", room, 0, 10));
                Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(roster));
            }
        }
        finally
        {
            foreach (var (hub, _) in bobHubs)
            {
                await hub.DisposeAsync();
            }
        }
    }
}
