using System.Net;
using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Meetups;
using CoPLive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// A meetup's chat and attendance in rows of their own, on the gateway's SQLite file: the recent chat across a page
/// boundary, and a meetup stored the old way (attendance, chat, votes and upvotes in its header row) that keeps them.
/// Chat, votes and upvotes read back after a process kill are in CoPLive.Cluster.Tests' restart scenario.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MeetupStorageTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    private IGrainStorage Storage => Gateway.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    [Fact]
    public async Task TheRecentChat_IsTheLatestFiftyInOrder_AcrossStoragePages()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var community = await alice.CreateCommunityAsync();
        var meetup = await CreateMeetupAsync(alice, community.Id);
        var sent = MeetupGrain.ChatPageSize + 30;
        for (var i = 1; i <= sent; i++)
        {
            await ApiAssert.OkAsync<ChatMessage>(await alice.Http.PostAsJsonAsync($"/api/meetups/{meetup.Id}/chat", new { text = $"message {i}" }));
        }

        var view = await ApiAssert.OkAsync<MeetupView>(await alice.Http.GetAsync($"/api/meetups/{meetup.Id}"));

        Assert.Equal(Enumerable.Range(sent - 49, 50).Select(i => $"message {i}"), view.RecentChat.Select(m => m.Text));
    }

    [Fact]
    public async Task AMeetupStoredWithAttendanceChatAndVotesInItsHeader_KeepsThem_InLogsOfTheirOwn()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var community = await alice.CreateCommunityAsync();
        var meetupId = CoPLiveIds.New("old meetup");
        var at = DateTimeOffset.UtcNow.AddDays(-2);
        var header = new GrainState<MeetupState>(new MeetupState
        {
            Created = true,
            CommunityId = community.Id,
            Title = "Stored the old way",
            StartsAt = at,
            EndsAt = at.AddHours(1),
            Phase = MeetupPhase.Live,
            HostUserId = alice.UserId,
            CreatedAt = at,
            Attendance =
            [
                new AttendanceState { UserId = alice.UserId, OrganizationId = alice.OrganizationId, JoinedAt = at, LeftAt = at.AddMinutes(30) },
                new AttendanceState { UserId = "bob", OrganizationId = "contoso", JoinedAt = at.AddMinutes(5) },
                new AttendanceState { UserId = alice.UserId, OrganizationId = alice.OrganizationId, JoinedAt = at.AddMinutes(40) },
            ],
            Chat = [.. Enumerable.Range(1, 3).Select(i => new ChatMessage($"m{i}", alice.UserId, "Alice", alice.OrganizationId, $"old message {i}", at.AddMinutes(i)))],
            Polls = [new PollState { Id = "poll-1", Question = "Grader or dozer?", Options = ["grader", "dozer"], Votes = { [alice.UserId] = 1, ["bob"] = 1, ["carol"] = 0 } }],
            Questions = [new QuestionState { Id = "q-1", AuthorUserId = "bob", AuthorName = "Bob", AuthorOrganizationId = "contoso", Text = "How often?", AskedAt = at, Upvoters = { alice.UserId, "carol" } }],
        });
        var headerId = GrainId.Create("meetup", meetupId);
        await Storage.WriteStateAsync(StorageNames.MeetupState, headerId, header);

        var view = await ApiAssert.OkAsync<MeetupView>(await alice.Http.GetAsync($"/api/meetups/{meetupId}"));
        await ApiAssert.OkAsync<ChatMessage>(await alice.Http.PostAsJsonAsync($"/api/meetups/{meetupId}/chat", new { text = "new message" }));
        var after = await ApiAssert.OkAsync<MeetupView>(await alice.Http.GetAsync($"/api/meetups/{meetupId}"));
        var attendance = await ApiAssert.OkAsync<AttendanceRecord[]>(await alice.Http.GetAsync($"/api/meetups/{meetupId}/attendance"));

        Assert.Equal(["old message 1", "old message 2", "old message 3"], view.RecentChat.Select(m => m.Text));
        Assert.Equal([1, 2], view.Polls.Single().Tallies.ToArray());
        Assert.Equal(2, view.Questions.Single().Upvotes);
        Assert.Equal(["old message 1", "old message 2", "old message 3", "new message"], after.RecentChat.Select(m => m.Text));
        Assert.Equal(
            [(alice.UserId, at, (DateTimeOffset?)at.AddMinutes(30)), ("bob", at.AddMinutes(5), null), (alice.UserId, at.AddMinutes(40), null)],
            attendance.Select(a => (a.UserId, a.JoinedAt, a.LeftAt)));
        var stored = new GrainState<MeetupState>(new MeetupState());
        await Storage.ReadStateAsync(StorageNames.MeetupState, headerId, stored);
        Assert.Equal("Stored the old way", stored.State!.Title);
        Assert.Empty(stored.State.Attendance);
        Assert.Empty(stored.State.Chat);
        Assert.Empty(stored.State.Polls.Single().Votes);
        Assert.Empty(stored.State.Questions.Single().Upvoters);
    }

    [Fact]
    public async Task AListedMeetup_ReadsItsBallotsOnlyWhenItsPollsAreShown_AndCountsOnFromWhatIsStored()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var community = await alice.CreateCommunityAsync();
        var meetup = await CreateMeetupAsync(alice, community.Id);
        var host = new CoPLive.Identity.MemberIdentity(alice.UserId, alice.DisplayName, alice.OrganizationId);
        var grain = Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IMeetupGrain>(meetup.Id);
        var poll = await grain.OpenPollAsync(host, "Grader or dozer?", ["grader", "dozer"]);
        await grain.VoteAsync(host, poll.Id, 0);
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // A new activation lists the meetup; then a vote is stored beside it, as one that a killed process wrote
        // would be. The view shows it only if the list left the ballots unread.
        var listed = await ApiAssert.OkAsync<MeetupDetails[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/meetups"));
        var stored = new PagedLog<BallotCast>(Storage, StorageNames.MeetupBallotPage, MeetupGrain.BallotPageGrainType, meetup.Id, MeetupGrain.BallotPageSize);
        stored.Add(new BallotCast("carol", poll.Id, 1));
        await stored.WriteChangesAsync();
        var view = await ApiAssert.OkAsync<MeetupView>(await alice.Http.GetAsync($"/api/meetups/{meetup.Id}"));
        await grain.VoteAsync(host, poll.Id, 1);
        var after = await ApiAssert.OkAsync<MeetupView>(await alice.Http.GetAsync($"/api/meetups/{meetup.Id}"));

        Assert.Equal([meetup.Id], listed.Select(m => m.Id));
        Assert.Equal([1, 1], view.Polls.Single().Tallies.ToArray());
        Assert.Equal([0, 2], after.Polls.Single().Tallies.ToArray());
    }

    private static async Task<MeetupDetails> CreateMeetupAsync(Member host, string communityId)
    {
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);
        var response = await host.Http.PostAsJsonAsync(
            $"/api/communities/{communityId}/meetups",
            new { title = "Haul road maintenance", startsAt, endsAt = startsAt.AddHours(1) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ApiAssert.OkAsync<MeetupDetails>(response);
    }
}
