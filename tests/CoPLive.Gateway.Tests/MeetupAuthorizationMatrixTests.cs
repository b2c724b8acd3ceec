using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Meetups;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// Every meetup route and hub method, against each kind of caller who must be refused: anonymous, a member of a
/// non-admitted organization, a member outside the meetup's audience, a guest (for authoring), and a plain member
/// (for the host's actions). Each gets the right error, learns nothing (not in lists, not in the community room's
/// events), and nothing changes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MeetupAuthorizationMatrixTests(GatewayFixture fixture)
{
    /// <summary>Who may call: anyone in the audience, members in it (not guests), or the host.</summary>
    public enum Needs
    {
        Participant,
        Author,
        Host,
    }

    public static TheoryData<string, string, string?, Needs> Routes => new()
    {
        { "GET", "/api/meetups/{meetup}", null, Needs.Participant },
        { "POST", "/api/meetups/{meetup}/questions", "{\"text\":\"How wide is the berm?\"}", Needs.Author },
        { "POST", "/api/meetups/{meetup}/chat", "{\"text\":\"hello\"}", Needs.Author },
        { "POST", "/api/meetups/{meetup}/end", null, Needs.Host },
        { "PUT", "/api/meetups/{meetup}/audience", "{\"audience\":null}", Needs.Host },
        { "PUT", "/api/meetups/{meetup}/links/whiteboard", "{\"documentId\":\"some-board\"}", Needs.Host },
        { "DELETE", "/api/meetups/{meetup}/links/notes", null, Needs.Host },
        { "PUT", "/api/meetups/{meetup}/stage/{member}", null, Needs.Host },
        { "DELETE", "/api/meetups/{meetup}/stage/{member}", null, Needs.Host },
        { "GET", "/api/meetups/{meetup}/attendance", null, Needs.Host },
    };

    /// <summary>Hub methods with their arguments ({meetup}, {question}, {poll}, {member} are filled in).</summary>
    public static TheoryData<string, string[], Needs> HubMethods => new()
    {
        { "React", ["{meetup}", "applause"], Needs.Participant },
        { "LowerHand", ["{meetup}"], Needs.Participant },
        { "RaiseHand", ["{meetup}"], Needs.Author },
        { "AskQuestion", ["{meetup}", "Why?"], Needs.Author },
        { "UpvoteQuestion", ["{meetup}", "{question}"], Needs.Author },
        { "SendChat", ["{meetup}", "hi"], Needs.Author },
        { "CallOn", ["{meetup}", "{member}"], Needs.Host },
        { "DismissHand", ["{meetup}", "{member}"], Needs.Host },
        { "MarkAnswered", ["{meetup}", "{question}"], Needs.Host },
        { "ClosePoll", ["{meetup}", "{poll}"], Needs.Host },
    };

    private TestGateway Gateway => fixture.Gateway;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EachMeetupRoute_RefusesThoseWhoMayNot_AndChangesNothing(string method, string template, string? body, Needs needs)
    {
        var scene = await SceneAsync();
        var before = await SnapshotAsync(scene);
        var path = template.Replace("{meetup}", scene.Meetup.Id, StringComparison.Ordinal)
            .Replace("{member}", scene.Pat.UserId, StringComparison.Ordinal);

        await ApiAssert.ErrorAsync(await Requests.SendAsync(Gateway.Http, method, path, body), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await ApiAssert.ErrorAsync(await Requests.SendAsync(scene.Eve.Http, method, path, body), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await Requests.SendAsync(scene.Bob.Http, method, path, body), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        if (needs >= Needs.Author)
        {
            await ApiAssert.ErrorAsync(await Requests.SendAsync(scene.Gus.Http, method, path, body), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        if (needs >= Needs.Host)
        {
            await ApiAssert.ErrorAsync(await Requests.SendAsync(scene.Pat.Http, method, path, body), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        Assert.Equal(before, await SnapshotAsync(scene));
    }

    [Theory]
    [MemberData(nameof(HubMethods))]
    public async Task EachMeetupHubMethod_RefusesThoseWhoMayNot_AndChangesNothing(string method, string[] template, Needs needs)
    {
        var scene = await SceneAsync();
        await using var patHub = await HubAsync(scene.Pat);
        await patHub.InvokeAsync("RaiseHand", scene.Meetup.Id);
        var before = await SnapshotAsync(scene);
        var arguments = template.Select(a => (object?)a
            .Replace("{meetup}", scene.Meetup.Id, StringComparison.Ordinal)
            .Replace("{question}", scene.QuestionId, StringComparison.Ordinal)
            .Replace("{poll}", scene.PollId, StringComparison.Ordinal)
            .Replace("{member}", scene.Pat.UserId, StringComparison.Ordinal)).ToArray();

        List<(Member Who, string Code)> refusals = [(scene.Eve, ErrorCodes.NotFound), (scene.Bob, ErrorCodes.NotFound)];
        if (needs >= Needs.Author)
        {
            refusals.Add((scene.Gus, ErrorCodes.Forbidden));
        }

        if (needs >= Needs.Host)
        {
            refusals.Add((scene.Pat, ErrorCodes.Forbidden));
        }

        foreach (var (who, code) in refusals)
        {
            await using var hub = await HubAsync(who);
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeCoreAsync(method, arguments));
            Assert.True(code == HubErrors.CodeOf(refused), $"{method} by {who.DisplayName}: expected {code}, got '{refused.Message}'");
        }

        Assert.Equal(before, await SnapshotAsync(scene));
    }

    [Fact]
    public async Task OutsideTheAudience_TheMeetupIsAbsentFromListsAndItsRoomIsClosed()
    {
        var scene = await SceneAsync();
        await using var bobHub = await HubAsync(scene.Bob);
        var room = new RoomId(RoomKind.Meetup, scene.Meetup.Id).ToString();

        var bobList = await ApiAssert.OkAsync<MeetupDetails[]>(await scene.Bob.Http.GetAsync($"/api/communities/{scene.Community.Id}/meetups"));
        var patList = await ApiAssert.OkAsync<MeetupDetails[]>(await scene.Pat.Http.GetAsync($"/api/communities/{scene.Community.Id}/meetups"));
        var refused = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room));

        Assert.DoesNotContain(bobList, m => m.Id == scene.Meetup.Id);
        Assert.Contains(patList, m => m.Id == scene.Meetup.Id);
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(refused));
        await ApiAssert.ErrorAsync(await scene.Eve.Http.GetAsync($"/api/communities/{scene.Community.Id}/meetups"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await scene.Gus.Http.PostAsJsonAsync(
            $"/api/communities/{scene.Community.Id}/meetups",
            new { title = "A guest's meetup", startsAt = DateTimeOffset.UtcNow.AddHours(1), endsAt = DateTimeOffset.UtcNow.AddHours(2) }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task TheStartAnnouncementOfARestrictedMeetup_ReachesOnlyItsAudience()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var pat = await Member.SignInAsync(Gateway, "Pat", alice.OrganizationId);
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await pat.JoinAsync(community.Id);
        await bob.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var patHub = await HubAsync(pat);
        await using var bobHub = await HubAsync(bob);
        await using var bobWireHub = await HubAsync(bob);
        var patView = new RoomWatcher(patHub, room);
        var bobView = new RoomWatcher(bobHub, room);
        var bobWire = new List<string>();
        bobWireHub.On<JsonElement>("RoomEvents", payload =>
        {
            lock (bobWire)
            {
                bobWire.Add(payload.GetRawText());
            }
        });
        await patView.EnterAsync(patHub);
        await bobView.EnterAsync(bobHub);
        await bobWireHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(2);

        var created = await ApiAssert.OkAsync<MeetupDetails>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/meetups",
            new { title = "Northwind-only blasting review", startsAt, endsAt = startsAt.AddHours(1), audience = new { organizations = new[] { alice.OrganizationId } } }));

        await patView.WaitUntilAsync(w => w.Events.OfType<MeetupAnnounced>().Any(), "the announcement reaches Pat, who is in the audience");
        var announcedSeq = patView.Events.OfType<MeetupAnnounced>().Single().Seq;
        await bobView.WaitUntilAsync(w => w.Events.Any(e => e.Seq == announcedSeq), "Bob receives the announcement's sequence number");
        Assert.Equal(created.Id, patView.Events.OfType<MeetupAnnounced>().Single().MeetupId);
        Assert.IsType<EventWithheld>(bobView.Events.Single(e => e.Seq == announcedSeq));
        Assert.DoesNotContain(bobView.Events, e => e is MeetupAnnounced);
        lock (bobWire)
        {
            Assert.DoesNotContain(bobWire, frame => frame.Contains("blasting", StringComparison.OrdinalIgnoreCase) || frame.Contains(created.Id, StringComparison.Ordinal));
            Assert.DoesNotContain(bobWire, frame => frame.Contains("audience", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// Alice (northwind) hosts a live meetup for northwind only, with a question and an open poll; Pat is a northwind
    /// member, Gus a northwind guest, Bob a contoso member (admitted, outside the audience), Eve of a non-admitted
    /// organization.
    /// </summary>
    private async Task<Scene> SceneAsync()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var pat = await Member.SignInAsync(Gateway, "Pat", alice.OrganizationId);
        var gus = await Member.SignInAsync(Gateway, "Gus", alice.OrganizationId);
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var eve = await Member.SignInAsync(Gateway, "Eve", CoPLiveIds.New("elsewhere"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await pat.JoinAsync(community.Id);
        await gus.JoinAsync(community.Id);
        await bob.JoinAsync(community.Id);
        (await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{gus.UserId}/role", new { role = "guest" })).EnsureSuccessStatusCode();
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);
        var meetup = await ApiAssert.OkAsync<MeetupDetails>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/meetups",
            new { title = "Pit wall stability", startsAt, endsAt = startsAt.AddHours(1), audience = new { organizations = new[] { alice.OrganizationId } } }));
        await ApiAssert.OkAsync<MeetupDetails>(await alice.Http.PostAsync($"/api/meetups/{meetup.Id}/start", null));
        var question = await ApiAssert.OkAsync<MeetupQuestion>(await pat.Http.PostAsJsonAsync($"/api/meetups/{meetup.Id}/questions", new { text = "Which sensors?" }));
        await using var aliceHub = await HubAsync(alice);
        var poll = await aliceHub.InvokeAsync<MeetupPoll>("OpenPoll", meetup.Id, "Next topic?", new[] { "drainage", "blasting" });
        return new Scene(alice, pat, gus, bob, eve, community, meetup, question.Id, poll.Id);
    }

    private async Task<HubConnection> HubAsync(Member who)
    {
        var hub = Gateway.Hub(who.Token);
        await hub.StartAsync();
        return hub;
    }

    /// <summary>What the host sees of the meetup: its view (plan, stage, hands, questions, polls, chat, reactions) and attendance.</summary>
    private static async Task<string> SnapshotAsync(Scene scene)
    {
        var view = await scene.Alice.Http.GetStringAsync($"/api/meetups/{scene.Meetup.Id}");
        var attendance = await scene.Alice.Http.GetStringAsync($"/api/meetups/{scene.Meetup.Id}/attendance");
        return view + attendance;
    }

    private sealed record Scene(
        Member Alice,
        Member Pat,
        Member Gus,
        Member Bob,
        Member Eve,
        CommunityDetails Community,
        MeetupDetails Meetup,
        string QuestionId,
        string PollId);
}
