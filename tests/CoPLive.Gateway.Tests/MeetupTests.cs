using System.Net;
using System.Net.Http.Json;
using System.Text;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Meetups;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>Meetups with real SignalR clients: life cycle, reactions, hands, questions, polls, chat, audience, attendance.</summary>
[Collection(GatewayCollection.Name)]
public sealed class MeetupTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    /// <summary>Alice (northwind) hosts; Bob (contoso) and Gus (a northwind guest) take part.</summary>
    private sealed record Scene(Member Alice, Member Bob, Member Gus, CommunityDetails Community, MeetupDetails Meetup)
    {
        public string Room => new RoomId(RoomKind.Meetup, Meetup.Id).ToString();
    }

    private async Task<Scene> SceneAsync(object? audience = null, TimeSpan? startsIn = null)
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var gus = await Member.SignInAsync(Gateway, "Gus", alice.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await bob.JoinAsync(community.Id);
        await gus.JoinAsync(community.Id);
        await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{gus.UserId}/role", new { role = "guest" });
        var startsAt = DateTimeOffset.UtcNow + (startsIn ?? TimeSpan.FromHours(1));
        var response = await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/meetups",
            new { title = "Haul road maintenance", agenda = "Grading, drainage", startsAt, endsAt = startsAt.AddHours(1), audience });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new Scene(alice, bob, gus, community, await ApiAssert.OkAsync<MeetupDetails>(response));
    }

    private async Task<(HubConnection Hub, RoomWatcher View)> EnterAsync(Member who, string room)
    {
        var hub = Gateway.Hub(who.Token);
        await hub.StartAsync();
        var view = new RoomWatcher(hub, room);
        await view.EnterAsync(hub);
        return (hub, view);
    }

    [Fact]
    public async Task AMeetup_GoesFromScheduledToLiveToEnded_AndEveryoneSeesIt()
    {
        var scene = await SceneAsync();
        var (bobHub, bobView) = await EnterAsync(scene.Bob, scene.Room);
        await using var _ = bobHub;

        var live = await ApiAssert.OkAsync<MeetupDetails>(await scene.Alice.Http.PostAsync($"/api/meetups/{scene.Meetup.Id}/start", null));
        await bobView.WaitUntilAsync(w => w.Events.OfType<MeetupUpdated>().Any(e => e.Meetup.Phase == MeetupPhase.Live), "Bob sees the meetup go live");
        var startAgain = await scene.Alice.Http.PostAsync($"/api/meetups/{scene.Meetup.Id}/start", null);
        var ended = await ApiAssert.OkAsync<MeetupDetails>(await scene.Alice.Http.PostAsync($"/api/meetups/{scene.Meetup.Id}/end", null));
        await bobView.WaitUntilAsync(w => w.Events.OfType<MeetupUpdated>().Any(e => e.Meetup.Phase == MeetupPhase.Ended), "Bob sees the meetup end");
        var chatAfterEnd = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<ChatMessage>("SendChat", scene.Meetup.Id, "too late"));

        Assert.Equal(MeetupPhase.Scheduled, scene.Meetup.Phase);
        Assert.Equal(MeetupPhase.Live, live.Phase);
        await ApiAssert.ErrorAsync(startAgain, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Equal(MeetupPhase.Ended, ended.Phase);
        Assert.Equal(ErrorCodes.Conflict, HubErrors.CodeOf(chatAfterEnd));
    }

    [Fact]
    public async Task TheStartReminder_AnnouncesTheMeetupInTheCommunityRoom()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var community = await alice.CreateCommunityAsync();
        var (hub, view) = await EnterAsync(alice, RoomId.ForCommunity(community.Id).ToString());
        await using var _ = hub;
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(2);

        var created = await ApiAssert.OkAsync<MeetupDetails>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/meetups", new { title = "Blasting", startsAt, endsAt = startsAt.AddHours(1) }));

        await view.WaitUntilAsync(w => w.Events.OfType<MeetupAnnounced>().Any(), "the reminder announces the meetup in the community room");
        var announced = view.Events.OfType<MeetupAnnounced>().Single();
        Assert.Equal((created.Id, "Blasting"), (announced.MeetupId, announced.Title));
    }

    [Fact]
    public async Task ABurstOfReactions_ArrivesAsCountsByKind_ThatAddUpExactly()
    {
        var scene = await SceneAsync();
        await scene.Alice.Http.PostAsync($"/api/meetups/{scene.Meetup.Id}/start", null);
        var (aliceHub, aliceView) = await EnterAsync(scene.Alice, scene.Room);
        var (bobHub, _) = await EnterAsync(scene.Bob, scene.Room);
        var (gusHub, _) = await EnterAsync(scene.Gus, scene.Room);
        await using var a = aliceHub;
        await using var b = bobHub;
        await using var g = gusHub;

        // Guests may react.
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 3 == 0 ? aliceHub : i % 3 == 1 ? bobHub : gusHub)
            .InvokeAsync("React", scene.Meetup.Id, i % 2 == 0 ? "applause" : "plus-one")));

        await aliceView.WaitUntilAsync(w => w.Events.OfType<ReactionsTallied>().Sum(e => e.Counts.Values.Sum()) == 30, "all 30 reactions are counted");
        var tallies = aliceView.Events.OfType<ReactionsTallied>().ToList();
        Assert.Equal(15, tallies.Sum(t => t.Counts.GetValueOrDefault("applause")));
        Assert.Equal(15, tallies.Sum(t => t.Counts.GetValueOrDefault("plus-one")));
        var unknown = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync("React", scene.Meetup.Id, "<script>"));
        Assert.Equal(ErrorCodes.InvalidRequest, HubErrors.CodeOf(unknown));
        var view = await ApiAssert.OkAsync<MeetupView>(await scene.Bob.Http.GetAsync($"/api/meetups/{scene.Meetup.Id}"));
        Assert.Equal(15, view.ReactionTotals["applause"]);
    }

    [Fact]
    public async Task PollTallies_AreRight_UnderConcurrentVotesAndChangedVotes()
    {
        var scene = await SceneAsync();
        var (aliceHub, aliceView) = await EnterAsync(scene.Alice, scene.Room);
        await using var _ = aliceHub;
        var voters = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var voter = await Member.SignInAsync(Gateway, $"Voter {i}", scene.Bob.OrganizationId);
            await voter.JoinAsync(scene.Community.Id);
            var hub = Gateway.Hub(voter.Token);
            await hub.StartAsync();
            return hub;
        }));

        var poll = await aliceHub.InvokeAsync<MeetupPoll>("OpenPoll", scene.Meetup.Id, "Best grading interval?", new[] { "weekly", "monthly", "after rain" });
        await Task.WhenAll(voters.Select((hub, i) => hub.InvokeAsync("Vote", scene.Meetup.Id, poll.Id, i % 3)));
        await Task.WhenAll(voters.Take(4).Select(hub => hub.InvokeAsync("Vote", scene.Meetup.Id, poll.Id, 2))); // 4 change their vote
        var missingOption = await Assert.ThrowsAsync<HubException>(() => voters[0].InvokeAsync("Vote", scene.Meetup.Id, poll.Id, 7));
        var closed = await aliceHub.InvokeAsync<MeetupPoll>("ClosePoll", scene.Meetup.Id, poll.Id);
        var afterClose = await Assert.ThrowsAsync<HubException>(() => voters[0].InvokeAsync("Vote", scene.Meetup.Id, poll.Id, 0));

        // Votes 0,1,2 x4 each; voters 0..3 (options 0,1,2,0) all move to 2: weekly 2, monthly 3, after rain 7.
        Assert.Equal([2, 3, 7], closed.Tallies.ToArray());
        Assert.Equal(ErrorCodes.InvalidRequest, HubErrors.CodeOf(missingOption));
        Assert.Equal(ErrorCodes.Conflict, HubErrors.CodeOf(afterClose));
        await aliceView.WaitUntilAsync(w => w.Events.OfType<PollClosed>().Any(), "everyone sees the poll close with its tallies");
        Assert.Equal([2, 3, 7], aliceView.Events.OfType<PollClosed>().Single().Poll.Tallies.ToArray());
        foreach (var hub in voters)
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task Questions_AreOrderedByUpvotes_CountedOncePerMember_AndAnsweredByTheHost()
    {
        var scene = await SceneAsync();
        var (aliceHub, aliceView) = await EnterAsync(scene.Alice, scene.Room);
        var (bobHub, _) = await EnterAsync(scene.Bob, scene.Room);
        var (gusHub, _) = await EnterAsync(scene.Gus, scene.Room);
        await using var a = aliceHub;
        await using var b = bobHub;
        await using var g = gusHub;

        var first = await bobHub.InvokeAsync<MeetupQuestion>("AskQuestion", scene.Meetup.Id, "How often do you grade?");
        var second = await bobHub.InvokeAsync<MeetupQuestion>("AskQuestion", scene.Meetup.Id, "Which binder works in clay?");
        await Task.WhenAll(aliceHub.InvokeAsync("UpvoteQuestion", scene.Meetup.Id, second.Id), bobHub.InvokeAsync("UpvoteQuestion", scene.Meetup.Id, second.Id));
        await bobHub.InvokeAsync("UpvoteQuestion", scene.Meetup.Id, second.Id); // again: counted once
        var guestAsks = await Assert.ThrowsAsync<HubException>(() => gusHub.InvokeAsync<MeetupQuestion>("AskQuestion", scene.Meetup.Id, "May I?"));
        var bobAnswers = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<MeetupQuestion>("MarkAnswered", scene.Meetup.Id, first.Id));
        var answered = await aliceHub.InvokeAsync<MeetupQuestion>("MarkAnswered", scene.Meetup.Id, first.Id);
        var empty = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<MeetupQuestion>("AskQuestion", scene.Meetup.Id, "  "));
        var tooLong = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<MeetupQuestion>("AskQuestion", scene.Meetup.Id, new string('x', Limits.QuestionLength + 1)));
        var unknown = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync("UpvoteQuestion", scene.Meetup.Id, "no-such-question"));
        await aliceView.WaitUntilAsync(w => w.Events.OfType<QuestionsUpdated>().SelectMany(e => e.Questions).Any(q => q.Id == second.Id && q.Upvotes == 2), "the upvotes reach Alice");

        var view = await ApiAssert.OkAsync<MeetupView>(await scene.Bob.Http.GetAsync($"/api/meetups/{scene.Meetup.Id}"));
        Assert.Equal([(second.Id, 2, false), (first.Id, 0, true)], view.Questions.Select(q => (q.Id, q.Upvotes, q.Answered)));
        Assert.True(answered.Answered);
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(guestAsks));
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(bobAnswers));
        Assert.Equal(ErrorCodes.InvalidRequest, HubErrors.CodeOf(empty));
        Assert.Equal(ErrorCodes.TooLarge, HubErrors.CodeOf(tooLong));
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(unknown));
    }

    [Fact]
    public async Task AOneMegabyteQuestion_IsTooLarge_AndStoresNothing()
    {
        var scene = await SceneAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetups/{scene.Meetup.Id}/questions")
        {
            Content = new StringContent($"{{\"text\":\"{new string('x', 1024 * 1024)}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;

        await ApiAssert.ErrorAsync(await scene.Bob.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.TooLarge);
        Assert.Empty((await ApiAssert.OkAsync<MeetupView>(await scene.Bob.Http.GetAsync($"/api/meetups/{scene.Meetup.Id}"))).Questions);
    }

    [Fact]
    public async Task AHostCallsOnARaisedHand_WhichJoinsTheStage_AndDismissesAnother()
    {
        var scene = await SceneAsync();
        await scene.Alice.Http.PostAsync($"/api/meetups/{scene.Meetup.Id}/start", null);
        var carol = await Member.SignInAsync(Gateway, "Carol", scene.Alice.OrganizationId);
        await carol.JoinAsync(scene.Community.Id);
        var (aliceHub, aliceView) = await EnterAsync(scene.Alice, scene.Room);
        var (bobHub, _) = await EnterAsync(scene.Bob, scene.Room);
        var (carolHub, _) = await EnterAsync(carol, scene.Room);
        await using var a = aliceHub;
        await using var b = bobHub;
        await using var c = carolHub;

        await bobHub.InvokeAsync("RaiseHand", scene.Meetup.Id);
        await carolHub.InvokeAsync("RaiseHand", scene.Meetup.Id);
        var bobCalls = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<MeetupDetails>("CallOn", scene.Meetup.Id, carol.UserId));
        var onStage = await aliceHub.InvokeAsync<MeetupDetails>("CallOn", scene.Meetup.Id, scene.Bob.UserId);
        await aliceHub.InvokeAsync("DismissHand", scene.Meetup.Id, carol.UserId);
        var again = await Assert.ThrowsAsync<HubException>(() => aliceHub.InvokeAsync("DismissHand", scene.Meetup.Id, carol.UserId));
        await aliceView.WaitUntilAsync(w => w.Events.OfType<HandLowered>().Count() == 2, "both hands go down for everyone");

        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(bobCalls));
        Assert.Contains(scene.Bob.UserId, onStage.Speakers);
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(again));
        Assert.Equal(
            [(scene.Bob.UserId, "called"), (carol.UserId, "dismissed")],
            aliceView.Events.OfType<HandLowered>().Select(e => (e.UserId, e.Outcome)));
        Assert.Empty((await ApiAssert.OkAsync<MeetupView>(await scene.Alice.Http.GetAsync($"/api/meetups/{scene.Meetup.Id}"))).Hands);
    }

    [Fact]
    public async Task Chat_IsPersisted_AndDelivered_AndGuestsMayNotWrite()
    {
        var scene = await SceneAsync();
        var (aliceHub, aliceView) = await EnterAsync(scene.Alice, scene.Room);
        var (gusHub, _) = await EnterAsync(scene.Gus, scene.Room);
        await using var a = aliceHub;
        await using var g = gusHub;

        var sent = await ApiAssert.OkAsync<ChatMessage>(await scene.Bob.Http.PostAsJsonAsync($"/api/meetups/{scene.Meetup.Id}/chat", new { text = "Hello from Contoso" }));
        var guest = await Assert.ThrowsAsync<HubException>(() => gusHub.InvokeAsync<ChatMessage>("SendChat", scene.Meetup.Id, "hi"));
        await aliceView.WaitUntilAsync(w => w.Events.OfType<ChatPosted>().Any(e => e.Message.Id == sent.Id), "Alice receives Bob's message");

        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(guest));
        var view = await ApiAssert.OkAsync<MeetupView>(await scene.Gus.Http.GetAsync($"/api/meetups/{scene.Meetup.Id}"));
        Assert.Equal([("Hello from Contoso", scene.Bob.OrganizationId)], view.RecentChat.Select(m => (m.Text, m.OrganizationId)));
    }

    [Fact]
    public async Task HostOnlyActions_AreRefusedForTheAudience_AndChangeNothing()
    {
        var scene = await SceneAsync();
        var (bobHub, _) = await EnterAsync(scene.Bob, scene.Room);
        await using var _ = bobHub;
        var id = scene.Meetup.Id;

        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsync($"/api/meetups/{id}/start", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsync($"/api/meetups/{id}/end", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PutAsJsonAsync($"/api/meetups/{id}/audience", new { audience = (object?)null }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PutAsJsonAsync($"/api/meetups/{id}/links/whiteboard", new { documentId = "wb" }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PutAsync($"/api/meetups/{id}/stage/{scene.Bob.UserId}", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.GetAsync($"/api/meetups/{id}/attendance"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        foreach (var (method, args) in new (string, object[])[]
        {
            ("OpenPoll", [id, "q", new[] { "a", "b" }]),
            ("ClosePoll", [id, "p"]),
            ("MarkAnswered", [id, "q"]),
            ("CallOn", [id, scene.Alice.UserId]),
            ("DismissHand", [id, scene.Alice.UserId]),
        })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeCoreAsync<object>(method, args));
            Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(refused));
        }

        var after = await ApiAssert.OkAsync<MeetupView>(await scene.Alice.Http.GetAsync($"/api/meetups/{id}"));
        Assert.Equal(scene.Meetup with { CreatedAt = after.Meetup.CreatedAt }, after.Meetup with { Speakers = scene.Meetup.Speakers, Links = scene.Meetup.Links });
        Assert.Empty(after.Meetup.Speakers);
        Assert.Empty(after.Polls);
    }

    [Fact]
    public async Task ARestrictedMeetup_IsInvisibleOutsideItsAudience_AndNarrowingItRemovesLiveViewers()
    {
        var scene = await SceneAsync();
        var outsider = await Member.SignInAsync(Gateway, "Olga", CoPLiveIds.New("fabrikam"));
        var (bobHub, bobView) = await EnterAsync(scene.Bob, scene.Room);
        await using var _ = bobHub;

        var narrowed = await ApiAssert.OkAsync<MeetupDetails>(await scene.Alice.Http.PutAsJsonAsync(
            $"/api/meetups/{scene.Meetup.Id}/audience", new { audience = new { organizations = new[] { scene.Alice.OrganizationId } } }));

        await bobView.WaitForRevocationAsync();
        Assert.Equal([scene.Alice.OrganizationId], narrowed.Audience!.Organizations.ToArray());
        await ApiAssert.ErrorAsync(await scene.Bob.Http.GetAsync($"/api/meetups/{scene.Meetup.Id}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.DoesNotContain(
            await ApiAssert.OkAsync<MeetupDetails[]>(await scene.Bob.Http.GetAsync($"/api/communities/{scene.Community.Id}/meetups")), m => m.Id == scene.Meetup.Id);
        Assert.Contains(
            await ApiAssert.OkAsync<MeetupDetails[]>(await scene.Gus.Http.GetAsync($"/api/communities/{scene.Community.Id}/meetups")), m => m.Id == scene.Meetup.Id);
        var again = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", scene.Room));
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(again));
        var chat = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<ChatMessage>("SendChat", scene.Meetup.Id, "still here?"));
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(chat));
        await ApiAssert.ErrorAsync(
            await scene.Alice.Http.PutAsJsonAsync($"/api/meetups/{scene.Meetup.Id}/audience", new { audience = new { organizations = new[] { outsider.OrganizationId } } }),
            HttpStatusCode.Conflict,
            ErrorCodes.Conflict);
        await ApiAssert.ErrorAsync(await outsider.Http.GetAsync($"/api/meetups/{scene.Meetup.Id}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task RemovingAMember_TakesThemOutOfTheMeetupRoomToo()
    {
        var scene = await SceneAsync();
        var (bobHub, bobView) = await EnterAsync(scene.Bob, scene.Room);
        await using var _ = bobHub;

        (await scene.Alice.Http.DeleteAsync($"/api/communities/{scene.Community.Id}/members/{scene.Bob.UserId}")).EnsureSuccessStatusCode();

        await bobView.WaitForRevocationAsync();
        var chat = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<ChatMessage>("SendChat", scene.Meetup.Id, "hello?"));
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(chat));
    }

    [Fact]
    public async Task Attendance_IsRecorded_WithWhoCameAndWhen()
    {
        var scene = await SceneAsync();
        var (aliceHub, aliceView) = await EnterAsync(scene.Alice, scene.Room);
        var (bobHub, _) = await EnterAsync(scene.Bob, scene.Room);
        await using var a = aliceHub;
        await aliceView.WaitForPresentAsync(scene.Bob.UserId);
        await bobHub.DisposeAsync();
        await aliceView.WaitForAbsentAsync(scene.Bob.UserId);

        var attendance = await WaitForAsync(
            async () => await ApiAssert.OkAsync<AttendanceRecord[]>(await scene.Alice.Http.GetAsync($"/api/meetups/{scene.Meetup.Id}/attendance")),
            records => records.Any(r => r.UserId == scene.Bob.UserId && r.LeftAt is not null),
            "Bob's stay is recorded with the time he left");

        var bobStay = attendance.Single(r => r.UserId == scene.Bob.UserId);
        Assert.Equal(scene.Bob.OrganizationId, bobStay.OrganizationId);
        Assert.True(bobStay.LeftAt >= bobStay.JoinedAt);
        Assert.Contains(attendance, r => r.UserId == scene.Alice.UserId && r.LeftAt is null);
    }

    [Fact]
    public async Task BadInput_IsRefusedWithAStableCode()
    {
        var scene = await SceneAsync();
        var ghost = CoPLiveIds.New("ghost");
        var (bobHub, _) = await EnterAsync(scene.Bob, scene.Room);
        await using var _ = bobHub;

        await ApiAssert.ErrorAsync(await scene.Bob.Http.GetAsync($"/api/meetups/{ghost}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<ChatMessage>("SendChat", ghost, "hi"))));
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync("Vote", scene.Meetup.Id, "no-such-poll", 0))));
        Assert.Equal(ErrorCodes.InvalidId, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync("React", "Bad Id", "applause"))));
        var endsBeforeStart = await scene.Alice.Http.PostAsJsonAsync(
            $"/api/communities/{scene.Community.Id}/meetups", new { title = "t", startsAt = DateTimeOffset.UtcNow.AddHours(2), endsAt = DateTimeOffset.UtcNow.AddHours(1) });
        var noTitle = await scene.Alice.Http.PostAsJsonAsync(
            $"/api/communities/{scene.Community.Id}/meetups", new { startsAt = DateTimeOffset.UtcNow.AddHours(1), endsAt = DateTimeOffset.UtcNow.AddHours(2) });
        var noTimes = await scene.Alice.Http.PostAsJsonAsync($"/api/communities/{scene.Community.Id}/meetups", new { title = "t" });
        var emptyAudience = await scene.Alice.Http.PostAsJsonAsync(
            $"/api/communities/{scene.Community.Id}/meetups",
            new { title = "t", startsAt = DateTimeOffset.UtcNow.AddHours(1), endsAt = DateTimeOffset.UtcNow.AddHours(2), audience = new { organizations = Array.Empty<string>() } });
        var byGuest = await scene.Gus.Http.PostAsJsonAsync(
            $"/api/communities/{scene.Community.Id}/meetups", new { title = "t", startsAt = DateTimeOffset.UtcNow.AddHours(1), endsAt = DateTimeOffset.UtcNow.AddHours(2) });

        await ApiAssert.ErrorAsync(endsBeforeStart, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(noTitle, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(noTimes, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(emptyAudience, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(byGuest, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Single(await ApiAssert.OkAsync<MeetupDetails[]>(await scene.Alice.Http.GetAsync($"/api/communities/{scene.Community.Id}/meetups")));
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        using var timeout = new CancellationTokenSource(Signals.DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Within {Signals.DefaultTimeout.TotalSeconds} s, this did not happen: {what}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}
