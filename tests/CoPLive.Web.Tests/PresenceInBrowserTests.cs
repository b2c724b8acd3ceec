using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>Presence in the community's home, in real Chromium, for members of different organizations.</summary>
[Collection(WebCollection.Name)]
public sealed class PresenceInBrowserTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>Alice (Northwind) and Bob (Contoso) see each other arrive; Alice sees Bob leave when he closes his tab.</summary>
    [Fact]
    public Task PresenceAppears_AndDisappears_ForTheOtherOrganization() => BrowserScenario.RunAsync(web.Gateway, "presence", output);

    /// <summary>A counted organization's member is a count for other organizations, and a name for her own.</summary>
    [Fact]
    public Task ACountedOrganization_IsCounted_NotNamed_ForOthers() => BrowserScenario.RunAsync(web.Gateway, "counted-presence", output);
}
