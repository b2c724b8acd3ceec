using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>The connection state in real Chromium: offline banner, reconnect, and resync with ResumeRoom.</summary>
[Collection(WebCollection.Name)]
public sealed class ConnectionInBrowserTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>Offline shows the banner; back online, the presence and chat missed meanwhile are there.</summary>
    [Fact]
    public Task GoingOffline_ShowsTheBanner_AndComingBack_Resyncs() => BrowserScenario.RunAsync(web.Gateway, "offline", output);

    /// <summary>A token the server refuses leads back to the sign-in screen, saying why.</summary>
    [Fact]
    public Task ARefusedSignIn_LeadsBackToSignIn_SayingWhy() => BrowserScenario.RunAsync(web.Gateway, "expired-sign-in", output);
}
