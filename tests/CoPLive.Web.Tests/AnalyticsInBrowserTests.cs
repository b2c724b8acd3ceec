using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>The community's analytics page in real Chromium, for a coordinator and a member of another organization.</summary>
[Collection(WebCollection.Name)]
public sealed class AnalyticsInBrowserTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>
    /// A question of Contoso answered by Northwind's coordinator and accepted shows as a cross-organization flow, an
    /// answered and accepted question and the sponsor's figures on her analytics page (and in its CSV); Bob of Contoso
    /// sees the organization-level figures, only his own member row, and the page fits his narrow screen.
    /// </summary>
    [Fact]
    public Task TheAnalyticsPage_ShowsTheCrossOrganizationFlow_AndMemberRowsOnlyToCoordinators() => BrowserScenario.RunAsync(web.Gateway, "analytics", output);
}
