using System.Net;
using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Testing;
using CoPLive.Threads;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// A community's thread list, answered by one grain per community from the summaries the threads hand in: pages with
/// the total in a header, latest activity first; changes that show (posts, removals, answers, audiences) at once; a
/// list that never was built from the threads themselves; bad paging refused. On the gateway's SQLite file.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ThreadListTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    private async Task<(Member Alice, Member Bob, CommunityDetails Community)> CommunityWithContosoAsync()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await bob.JoinAsync(community.Id);
        return (alice, bob, community);
    }

    private static async Task<ThreadSummary> StartAsync(Member author, string communityId, string title, string kind = "question", object? audience = null)
    {
        var response = await author.Http.PostAsJsonAsync($"/api/communities/{communityId}/threads", new { title, kind, body = $"About {title}.", audience });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiAssert.OkAsync<ThreadView>(response)).Thread;
    }

    private static async Task<(ThreadSummary[] Threads, string? Total)> ListAsync(Member who, string communityId, string query = "")
    {
        var response = await who.Http.GetAsync($"/api/communities/{communityId}/threads?{query}");
        var threads = await ApiAssert.OkAsync<ThreadSummary[]>(response);
        return (threads, response.Headers.TryGetValues("X-Total-Count", out var total) ? total.Single() : null);
    }

    private static string Titles(ThreadSummary[] threads) => string.Join(", ", threads.Select(t => t.Title));

    [Fact]
    public async Task TheList_ComesInPagesLatestActivityFirst_WithTheTotalInAHeader_AndShowsEachChangeAtOnce()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        var ids = new Dictionary<string, string>();
        foreach (var title in new[] { "Berms", "Culverts", "Dust", "Explosives", "Fuel" })
        {
            ids[title] = (await StartAsync(title == "Dust" ? bob : alice, community.Id, title)).Id;
        }

        Assert.Equal(("Fuel, Explosives, Dust, Culverts, Berms", "5"), Named(await ListAsync(alice, community.Id)));
        Assert.Equal(("Fuel, Explosives", "5"), Named(await ListAsync(alice, community.Id, "limit=2")));
        Assert.Equal(("Berms", "5"), Named(await ListAsync(alice, community.Id, "offset=4&limit=2")));
        Assert.Equal(("", "5"), Named(await ListAsync(alice, community.Id, "offset=5&limit=2")));
        Assert.Equal(("Dust", "1"), Named(await ListAsync(alice, community.Id, $"organization={bob.OrganizationId}")));

        // A reply moves its thread to the top and counts; an accepted answer leaves the unanswered; a removal uncounts.
        var reply = await ApiAssert.OkAsync<ThreadPost>(await bob.Http.PostAsJsonAsync($"/api/threads/{ids["Culverts"]}/posts", new { body = "Clean them in spring." }));
        var (threads, _) = await ListAsync(alice, community.Id, "limit=1");
        Assert.Equal(("Culverts", 2), (threads.Single().Title, threads.Single().PostCount));
        await ApiAssert.OkAsync<ThreadSummary>(await alice.Http.PostAsJsonAsync($"/api/threads/{ids["Culverts"]}/accept", new { postId = reply.Id }));
        var unanswered = await ListAsync(alice, community.Id, "filter=unanswered");
        Assert.Equal(("Fuel, Explosives, Dust, Berms", "4"), Named(unanswered));
        await ApiAssert.OkAsync<ThreadPost>(await alice.Http.PostAsJsonAsync($"/api/threads/{ids["Culverts"]}/posts/{reply.Id}/remove", new { reason = "duplicate" }));
        var culverts = (await ListAsync(bob, community.Id)).Threads.Single(t => t.Id == ids["Culverts"]);
        Assert.Equal((1, (string?)null), (culverts.PostCount, culverts.AcceptedPostId));

        // An audience narrowed to northwind hides the thread from contoso's members, in the page and in the total.
        await ApiAssert.OkAsync<ThreadView>(await alice.Http.PutAsJsonAsync($"/api/threads/{ids["Fuel"]}/audience", new { audience = new { organizations = new[] { alice.OrganizationId } } }));
        Assert.DoesNotContain("Fuel", Titles((await ListAsync(bob, community.Id)).Threads));
        Assert.Equal("4", (await ListAsync(bob, community.Id)).Total);
        Assert.Equal("5", (await ListAsync(alice, community.Id)).Total);
    }

    [Fact]
    public async Task AListThatNeverWas_IsBuiltFromTheCommunitysThreads()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        var berms = await StartAsync(alice, community.Id, "Berms");
        await StartAsync(bob, community.Id, "Culverts", "discussion");
        await StartAsync(alice, community.Id, "Hidden", audience: new { organizations = new[] { alice.OrganizationId } });
        await ApiAssert.OkAsync<ThreadPost>(await bob.Http.PostAsJsonAsync($"/api/threads/{berms.Id}/posts", new { body = "Two metres." }));

        // As a community whose threads were started before lists existed: no list in storage, none in memory.
        var grains = Gateway.GetRequiredService<IGrainFactory>();
        var list = grains.GetThreadList(community.Id);
        await list.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var storage = Gateway.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        await storage.ClearIfStoredAsync<ThreadListState>(StorageNames.ThreadList, list.GetGrainId());
        for (var row = 0; row < ThreadListGrain.Rows; row++)
        {
            await storage.ClearIfStoredAsync<RowBucketState<ListedThreadState>>(StorageNames.ThreadListRow, GrainId.Create("coplive-thread-list", $"{community.Id}+{row}"));
        }

        var (threads, total) = await ListAsync(bob, community.Id);

        Assert.Equal(("Berms, Culverts", "2"), (Titles(threads), total));
        Assert.Equal(2, threads[0].PostCount);
        Assert.Equal("3", (await ListAsync(alice, community.Id)).Total);
    }

    [Theory]
    [InlineData("limit=0", ErrorCodes.InvalidRequest)]
    [InlineData("limit=1001", ErrorCodes.InvalidRequest)]
    [InlineData("limit=ten", ErrorCodes.InvalidRequest)]
    [InlineData("offset=-1", ErrorCodes.InvalidRequest)]
    [InlineData("filter=solved", ErrorCodes.InvalidRequest)]
    [InlineData("organization=Not%20An%20Id", ErrorCodes.InvalidId)]
    public async Task BadListQueries_AreRefusedWithAStableCode_AndChangeNothing(string query, string code)
    {
        var (alice, _, community) = await CommunityWithContosoAsync();
        await StartAsync(alice, community.Id, "Berms");

        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/communities/{community.Id}/threads?{query}"), HttpStatusCode.BadRequest, code);
        Assert.Equal("1", (await ListAsync(alice, community.Id)).Total);
    }

    [Fact]
    public async Task AnOutsider_GetsNoList_AndAnUnknownCommunityIsNotFound()
    {
        var (_, _, community) = await CommunityWithContosoAsync();
        var outsider = await Member.SignInAsync(Gateway, "Olga", CoPLiveIds.New("initech"));

        await ApiAssert.ErrorAsync(await outsider.Http.GetAsync($"/api/communities/{community.Id}/threads"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await outsider.Http.GetAsync($"/api/communities/{CoPLiveIds.New("nowhere")}/threads"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    private static (string Titles, string? Total) Named((ThreadSummary[] Threads, string? Total) list) => (Titles(list.Threads), list.Total);
}
