using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Meetups;
using CoPLive.Testing;

namespace CoPLive.Gateway.Tests;

/// <summary>Every audience given to an item, and every change of one, is in the community's audit log.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AudienceAuditTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task RestrictedItems_AndAudienceChanges_AreRecordedInTheAuditLog()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        var northwindOnly = new { organizations = new[] { alice.OrganizationId } };
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);

        var meetup = await ApiAssert.OkAsync<MeetupDetails>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/meetups", new { title = "Blasting review", startsAt, endsAt = startsAt.AddHours(1), audience = northwindOnly }));
        (await alice.Http.PutAsJsonAsync($"/api/meetups/{meetup.Id}/audience", new { audience = (object?)null })).EnsureSuccessStatusCode();
        (await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/threads", new { title = "Berm widths", kind = "question", body = "What do you use?", audience = northwindOnly })).EnsureSuccessStatusCode();
        (await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/documents", new { title = "Blast plan", kind = "whiteboard", audience = northwindOnly })).EnsureSuccessStatusCode();
        (await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/documents", new { title = "Open notes", kind = "text" })).EnsureSuccessStatusCode();
        var audit = await ApiAssert.OkAsync<AuditEntry[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/audit"));

        var audiences = audit.Where(e => e.Action == AuditActions.AudienceSet).ToList();
        Assert.Equal(
            [
                ($"meetup:{meetup.Id}", alice.OrganizationId),
                ($"meetup:{meetup.Id}", "whole community"),
                ("thread", alice.OrganizationId),
                ("document", alice.OrganizationId),
            ],
            audiences.Select(e => (e.Subject.StartsWith("meetup:", StringComparison.Ordinal) ? e.Subject : e.Subject.Split(':')[0], e.Detail)));
        Assert.All(audiences, e => Assert.Equal(alice.UserId, e.ActorUserId));
    }
}
