using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>Discovering and joining communities in real Chromium.</summary>
[Collection(WebCollection.Name)]
public sealed class CommunitiesInBrowserTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>Under the approval policy, a request waits until a coordinator approves it; then the community opens.</summary>
    [Fact]
    public Task AJoinRequest_WaitsForApproval_ThenTheCommunityOpens() => BrowserScenario.RunAsync(web.Gateway, "join-request", output);

    /// <summary>A thread and a document created by one appear in the other's open community home without a reload.</summary>
    [Fact]
    public Task NewThreadsAndDocuments_AppearInAnOpenCommunityHome() => BrowserScenario.RunAsync(web.Gateway, "live-lists", output);

    /// <summary>A community of 105 shows its first 100 members and the total, the rest on "Show more", and finds members by name.</summary>
    [Fact]
    public Task TheMemberDirectory_ComesInPages_AndFindsMembersByName() => BrowserScenario.RunAsync(web.Gateway, "member-directory", output);
}
