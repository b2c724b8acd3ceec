using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>Threads in real Chromium: list, search, post, react, accept, notifications, for two organizations.</summary>
[Collection(WebCollection.Name)]
public sealed class ThreadsInBrowserTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>
    /// Bob's reply to Alice's question appears live for her and counts on her notifications badge; her heart on it
    /// and her acceptance show live for Bob; reacting again takes the heart back; raw HTML in a post stays text.
    /// </summary>
    [Fact]
    public Task APostAndAReaction_ShowForTheOther() => BrowserScenario.RunAsync(web.Gateway, "thread-live", output);

    /// <summary>The community home shows the 50 threads with the latest activity, the rest on "Show more"; a reply moves its thread to the top.</summary>
    [Fact]
    public Task TheThreadList_ComesInPages_LatestActivityFirst() => BrowserScenario.RunAsync(web.Gateway, "thread-list", output);
}
