using System.Collections.Concurrent;
using System.Text.Json;
using CoPLive.Activity;
using CoPLive.Testing;
using CoPLive.Threads;
using Orleans.Streams;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// Documents in the community's knowledge: editing sessions go on the activity stream (for analytics), and a meetup's
/// summary links the version its notes had at the end.
/// </summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class DocumentActivityTests(LiveGatewayFixture fixture)
{
    private Uri Address => fixture.Gateway.Address;

    [Fact]
    public async Task AnEditingSession_IsPublishedOnTheActivityStream_WhenItEnds()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        var sessions = new ConcurrentQueue<ActivityEvent>();
        var arrived = new SemaphoreSlim(0);
        var subscription = await fixture.Gateway.GetRequiredService<IClusterClient>().GetStreamProvider(ActivityStreams.Provider)
            .GetStream<ActivityEvent>(ActivityPublisher.StreamFor(scene.CommunityId))
            .SubscribeAsync((e, _) =>
            {
                if (e.Type == ActivityTypes.DocumentEditSession)
                {
                    sessions.Enqueue(e);
                    arrived.Release();
                }

                return Task.CompletedTask;
            });
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        await using var bob = await HubDocumentClient.OpenAsync(Address, scene.Bob.Token, document.Id, fixture.Yjs, fixture.Clients);

        await alice.EditAsync("doc.getText('content').insert(0, 'Check the toe drains. ')");
        await alice.EditAsync("doc.getText('content').insert(0, 'Weekly: ')");
        await bob.EditAsync("doc.getText('content').insert(0, 'Contoso adds: ')");
        while (sessions.Count < 2)
        {
            await arrived.WaitAsync().Within($"both editing sessions are published when they end (has {sessions.Count})");
        }

        await subscription.UnsubscribeAsync();
        var byUser = sessions.ToDictionary(e => e.ActorUserId);
        Assert.Equal(2, byUser.Count);
        Assert.Equal(("document", document.Id, scene.Alice.OrganizationId, "2"), (byUser[scene.Alice.UserId].ItemKind, byUser[scene.Alice.UserId].ItemId, byUser[scene.Alice.UserId].ActorOrganizationId, byUser[scene.Alice.UserId].Detail));
        Assert.Equal((scene.Bob.OrganizationId, "1"), (byUser[scene.Bob.UserId].ActorOrganizationId, byUser[scene.Bob.UserId].Detail));
        Assert.All(sessions, e => Assert.Equal(scene.CommunityId, e.CommunityId));
        Assert.NotEqual(byUser[scene.Alice.UserId].SubjectId, byUser[scene.Bob.UserId].SubjectId);
    }

    [Fact]
    public async Task AnEndedMeetupsSummary_LinksTheVersionItsNotesHadAtTheEnd()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var notes = await scene.CreateDocumentAsync(title: "Meetup notes");
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);
        var meetup = await scene.Alice.SendAsync<JsonElement>(
            HttpMethod.Post, $"/api/communities/{scene.CommunityId}/meetups", new { title = "Drainage", startsAt, endsAt = startsAt.AddHours(1) });
        var meetupId = meetup.GetProperty("id").GetString()!;
        await scene.Alice.SendAsync<JsonElement>(HttpMethod.Post, $"/api/meetups/{meetupId}/start", null);
        await scene.Alice.SendAsync<JsonElement>(HttpMethod.Put, $"/api/meetups/{meetupId}/links/notes", new { documentId = notes.Id });
        await using (var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, notes.Id, fixture.Yjs, fixture.Clients))
        {
            await alice.EditAsync("doc.getText('content').insert(0, 'Agreed: clean the drains monthly.')");
        }

        var ended = await scene.Alice.SendAsync<JsonElement>(HttpMethod.Post, $"/api/meetups/{meetupId}/end", null);
        var summary = await scene.Bob.SendAsync<ThreadView>(HttpMethod.Get, $"/api/threads/{ended.GetProperty("summaryThreadId").GetString()}", null);
        var versions = await scene.Alice.SendAsync<DocumentVersion[]>(HttpMethod.Get, $"/api/documents/{notes.Id}/versions", null);
        var atTheEnd = Assert.Single(versions);
        var view = await scene.Bob.SendAsync<DocumentVersionView>(HttpMethod.Get, $"/api/documents/{notes.Id}/versions/{atTheEnd.Id}", null);

        Assert.Contains($"(/api/documents/{notes.Id}/versions/{atTheEnd.Id})", summary.Posts.Single().Body, StringComparison.Ordinal);
        Assert.Equal("Agreed: clean the drains monthly.", view.Content);
    }
}
