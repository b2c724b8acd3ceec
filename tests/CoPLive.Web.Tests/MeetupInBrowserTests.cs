using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>The meetup room in real Chromium.</summary>
[Collection(WebCollection.Name)]
public sealed class MeetupInBrowserTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>Bob's heart floats up on the host's stage and counts for both.</summary>
    [Fact]
    public Task AReaction_ShowsForTheOther() => BrowserScenario.RunAsync(web.Gateway, "reaction", output);

    /// <summary>A Northwind-only meetup is neither listed nor opened for a Contoso member, and is for a Northwind one.</summary>
    [Fact]
    public Task AMeetupForOneOrganization_IsInvisibleToTheOther() => BrowserScenario.RunAsync(web.Gateway, "restricted-meetup", output);

    /// <summary>Hands and the stage, questions with upvotes, a poll and chat, each seen by the others (one of them on a phone-sized screen).</summary>
    [Fact]
    public Task TheRoomsLiveActions_ReachHostAndAudience() => BrowserScenario.RunAsync(web.Gateway, "meetup-room", output);

    /// <summary>The host creates and links a whiteboard and notes from the room; both show side by side (stacked on a phone); typing in the notes reaches the other; stage only makes them read-only for the audience.</summary>
    [Fact]
    public Task TheRoomsWhiteboardAndNotes_AreSideBySide_AndLive() => BrowserScenario.RunAsync(web.Gateway, "meetup-documents", output);
}
