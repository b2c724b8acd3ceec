using System.Net;
using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Testing;

namespace CoPLive.Gateway.Tests;

/// <summary>Join policies, invitations, requests, leaving, roles, the directory and the audit log, over REST.</summary>
[Collection(GatewayCollection.Name)]
public sealed class MembershipTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    private async Task<(Member Alice, Member Bob, CommunityDetails Community)> CommunityWithContosoAsync()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        return (alice, bob, community);
    }

    private static Task<HttpResponseMessage> SetJoinPolicyAsync(Member who, string communityId, string policy) =>
        who.Http.PutAsJsonAsync($"/api/communities/{communityId}/join-policy", new { joinPolicy = policy });

    [Fact]
    public async Task UnderTheApprovalPolicy_JoiningIsARequest_ThatAModeratorApprovesOnce()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        await ApiAssert.OkAsync<CommunityDetails>(await SetJoinPolicyAsync(alice, community.Id, "approval"));

        var join = await bob.Http.PostAsync($"/api/communities/{community.Id}/join", null);
        Assert.Equal(HttpStatusCode.Accepted, join.StatusCode);
        Assert.Equal(MembershipStatus.Requested, (await ApiAssert.OkAsync<JoinResult>(join)).Status);
        Assert.Equal(MembershipStatus.Requested, (await ApiAssert.OkAsync<CommunityDetails>(await bob.Http.GetAsync($"/api/communities/{community.Id}"))).ViewerStatus);
        await ApiAssert.ErrorAsync(await bob.Http.GetAsync($"/api/communities/{community.Id}/members"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var requests = await ApiAssert.OkAsync<JoinRequest[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/requests"));
        Assert.Equal([bob.UserId], requests.Select(r => r.UserId));

        var approved = await ApiAssert.OkAsync<CommunityMember>(await alice.Http.PostAsync($"/api/communities/{community.Id}/requests/{bob.UserId}/approve", null));
        var again = await alice.Http.PostAsync($"/api/communities/{community.Id}/requests/{bob.UserId}/approve", null);

        Assert.Equal(CommunityRole.Member, approved.Role);
        await ApiAssert.ErrorAsync(again, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Empty(await ApiAssert.OkAsync<JoinRequest[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/requests")));
        Assert.Equal(2, (await ApiAssert.OkAsync<CommunityMember[]>(await bob.Http.GetAsync($"/api/communities/{community.Id}/members"))).Length);
    }

    [Fact]
    public async Task ARefusedRequest_LeavesNoMembership_AndUnknownRequestsAreNotFound()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        await SetJoinPolicyAsync(alice, community.Id, "approval");
        await bob.Http.PostAsync($"/api/communities/{community.Id}/join", null);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.Http.PostAsync($"/api/communities/{community.Id}/requests/{bob.UserId}/refuse", null)).StatusCode);
        await ApiAssert.ErrorAsync(await alice.Http.PostAsync($"/api/communities/{community.Id}/requests/{bob.UserId}/refuse", null), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await alice.Http.PostAsync($"/api/communities/{community.Id}/requests/{bob.UserId}/approve", null), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Single(await ApiAssert.OkAsync<CommunityMember[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/members")));
    }

    [Fact]
    public async Task UnderTheInvitationPolicy_OnlyTheInvitedJoin_AndADeclinedInvitationIsGone()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        var dave = await Member.SignInAsync(Gateway, "Dave", bob.OrganizationId);
        await SetJoinPolicyAsync(alice, community.Id, "invitation");

        await ApiAssert.ErrorAsync(await bob.Http.PostAsync($"/api/communities/{community.Id}/join", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var invite = await alice.Http.PostAsJsonAsync($"/api/communities/{community.Id}/invitations", new { userId = bob.UserId, organizationId = bob.OrganizationId });
        await alice.Http.PostAsJsonAsync($"/api/communities/{community.Id}/invitations", new { userId = dave.UserId, organizationId = dave.OrganizationId });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        Assert.Equal(MembershipStatus.Invited, (await ApiAssert.OkAsync<CommunityDetails>(await bob.Http.GetAsync($"/api/communities/{community.Id}"))).ViewerStatus);

        var joined = await ApiAssert.OkAsync<JoinResult>(await bob.Http.PostAsync($"/api/communities/{community.Id}/join", null));
        Assert.Equal(HttpStatusCode.NoContent, (await dave.Http.DeleteAsync($"/api/communities/{community.Id}/invitation")).StatusCode);

        Assert.Equal(MembershipStatus.Member, joined.Status);
        await ApiAssert.ErrorAsync(await dave.Http.PostAsync($"/api/communities/{community.Id}/join", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Empty(await ApiAssert.OkAsync<Invitation[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/invitations")));
    }

    [Fact]
    public async Task InvitingIntoANonAdmittedOrganization_IsAConflict_AndStoresNothing()
    {
        var (alice, _, community) = await CommunityWithContosoAsync();
        var outsider = CoPLiveIds.New("fabrikam");

        var response = await alice.Http.PostAsJsonAsync($"/api/communities/{community.Id}/invitations", new { userId = "eve", organizationId = outsider });

        await ApiAssert.ErrorAsync(response, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Empty(await ApiAssert.OkAsync<Invitation[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/invitations")));
    }

    [Fact]
    public async Task Roles_AreChangedByCoordinators_AndTheLastCoordinatorStays()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        await bob.JoinAsync(community.Id);

        var moderator = await ApiAssert.OkAsync<CommunityMember>(
            await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{bob.UserId}/role", new { role = "moderator" }));
        var bobChangesRoles = await bob.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{alice.UserId}/role", new { role = "guest" });
        var demoteLast = await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{alice.UserId}/role", new { role = "member" });
        var unknownRole = await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{bob.UserId}/role", new { role = "emperor" });
        var noRole = await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{bob.UserId}/role", new { });
        var unknownMember = await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{CoPLiveIds.New("ghost")}/role", new { role = "member" });
        var lastLeaves = await alice.Http.PostAsync($"/api/communities/{community.Id}/leave", null);
        var lastRemoved = await bob.Http.DeleteAsync($"/api/communities/{community.Id}/members/{alice.UserId}");

        Assert.Equal(CommunityRole.Moderator, moderator.Role);
        await ApiAssert.ErrorAsync(bobChangesRoles, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(demoteLast, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await ApiAssert.ErrorAsync(unknownRole, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(noRole, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(unknownMember, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(lastLeaves, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await ApiAssert.ErrorAsync(lastRemoved, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var members = await ApiAssert.OkAsync<CommunityMember[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/members"));
        Assert.Equal([(alice.UserId, CommunityRole.Coordinator), (bob.UserId, CommunityRole.Moderator)], members.Select(m => (m.UserId, m.Role)));
    }

    [Fact]
    public async Task LeavingIsAlwaysPossibleForAMember_AndTheDirectoryFiltersByOrganization()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        var dave = await Member.SignInAsync(Gateway, "Dave", bob.OrganizationId);
        await bob.JoinAsync(community.Id);
        await dave.JoinAsync(community.Id);

        var contosoOnly = await ApiAssert.OkAsync<CommunityMember[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/members?organization={bob.OrganizationId}"));
        var left = await dave.Http.PostAsync($"/api/communities/{community.Id}/leave", null);
        var leftAgain = await dave.Http.PostAsync($"/api/communities/{community.Id}/leave", null);

        Assert.Equal([bob.UserId, dave.UserId], contosoOnly.Select(m => m.UserId));
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        await ApiAssert.ErrorAsync(leftAgain, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var after = await ApiAssert.OkAsync<CommunityMember[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/members?organization={bob.OrganizationId}"));
        Assert.Equal([bob.UserId], after.Select(m => m.UserId));
        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/communities/{community.Id}/members?organization=Not%20Valid"), HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
    }

    [Fact]
    public async Task WithdrawingAnOrganization_RemovesItsMembers_AndASponsorCannotBeWithdrawn()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        await bob.JoinAsync(community.Id);

        var sponsor = await alice.Http.DeleteAsync($"/api/communities/{community.Id}/organizations/{alice.OrganizationId}");
        var withdrawn = await ApiAssert.OkAsync<CommunityDetails>(await alice.Http.DeleteAsync($"/api/communities/{community.Id}/organizations/{bob.OrganizationId}"));
        var unknown = await alice.Http.DeleteAsync($"/api/communities/{community.Id}/organizations/{bob.OrganizationId}");

        await ApiAssert.ErrorAsync(sponsor, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Equal([alice.OrganizationId], withdrawn.AdmittedOrganizations.ToArray());
        Assert.Equal(1, withdrawn.MemberCount);
        await ApiAssert.ErrorAsync(unknown, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await bob.Http.GetAsync($"/api/communities/{community.Id}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.DoesNotContain(await ApiAssert.OkAsync<CommunityDetails[]>(await bob.Http.GetAsync("/api/communities")), c => c.Id == community.Id);
    }

    [Fact]
    public async Task TheAuditLog_RecordsEveryChange_ForCoordinatorsOnly()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        await bob.JoinAsync(community.Id);
        await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{bob.UserId}/role", new { role = "guest" });
        await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/organizations/{bob.OrganizationId}/presence", new { presence = "counted" });
        await SetJoinPolicyAsync(alice, community.Id, "invitation");
        await alice.Http.DeleteAsync($"/api/communities/{community.Id}/members/{bob.UserId}");

        var audit = await ApiAssert.OkAsync<AuditEntry[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/audit"));

        Assert.Equal(
            [
                (AuditActions.CommunityCreated, community.Id, "Rock mechanics"),
                (AuditActions.OrganizationAdmitted, bob.OrganizationId, "named"),
                (AuditActions.MemberJoined, bob.UserId, "open"),
                (AuditActions.RoleChanged, bob.UserId, "guest"),
                (AuditActions.PresencePolicyChanged, bob.OrganizationId, "counted"),
                (AuditActions.JoinPolicyChanged, community.Id, "invitation"),
                (AuditActions.MemberRemoved, bob.UserId, null),
            ],
            audit.Select(e => (e.Action, e.Subject, e.Detail)));
        Assert.All(audit.Where(e => e.Action != AuditActions.MemberJoined), e => Assert.Equal(alice.UserId, e.ActorUserId));
        var carol = await Member.SignInAsync(Gateway, "Carol", alice.OrganizationId);
        await ApiAssert.ErrorAsync(await carol.Http.GetAsync($"/api/communities/{community.Id}/audit"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task BadPolicyValues_AreInvalidRequests_AndChangeNothing()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();

        await ApiAssert.ErrorAsync(await SetJoinPolicyAsync(alice, community.Id, "whoever"), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(
            await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/organizations/{bob.OrganizationId}/presence", new { presence = "hidden" }),
            HttpStatusCode.BadRequest,
            ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(
            await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/organizations/{CoPLiveIds.New("ghost")}/presence", new { presence = "counted" }),
            HttpStatusCode.NotFound,
            ErrorCodes.NotFound);

        var after = await ApiAssert.OkAsync<CommunityDetails>(await alice.Http.GetAsync($"/api/communities/{community.Id}"));
        Assert.Equal(JoinPolicy.Open, after.JoinPolicy);
        Assert.All(after.Organizations, o => Assert.Equal(PresencePolicy.Named, o.Presence));
    }

    [Fact]
    public async Task TheDirectory_PagesSearchesByNameAndLooksUpIds_AndTellsTheTotalInAHeader()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        List<Member> joined = [bob];
        foreach (var name in new[] { "Bobby", "Carol", "Dan", "Erin" })
        {
            joined.Add(await Member.SignInAsync(Gateway, name, bob.OrganizationId));
        }

        foreach (var member in joined)
        {
            await member.JoinAsync(community.Id);
        }

        async Task<(string Names, string? Total)> ListAsync(string query)
        {
            var response = await alice.Http.GetAsync($"/api/communities/{community.Id}/members?{query}");
            var members = await ApiAssert.OkAsync<CommunityMember[]>(response);
            return (string.Join(", ", members.Select(m => m.DisplayName)), response.Headers.TryGetValues("X-Total-Count", out var total) ? total.Single() : null);
        }

        Assert.Equal(("Alice, Bob, Bobby, Carol, Dan, Erin", "6"), await ListAsync(""));
        Assert.Equal(("Alice, Bob", "6"), await ListAsync("limit=2"));
        Assert.Equal(("Bobby, Carol", "6"), await ListAsync("offset=2&limit=2"));
        Assert.Equal(("", "6"), await ListAsync("offset=6&limit=2"));
        Assert.Equal(("Bob, Bobby", "2"), await ListAsync("q=bob"));
        Assert.Equal(("Bobby", "2"), await ListAsync("q=BOB&offset=1&limit=5"));
        Assert.Equal(("Bob, Bobby, Carol", "5"), await ListAsync($"organization={bob.OrganizationId}&limit=3"));
        Assert.Equal(("Alice, Dan", "2"), await ListAsync($"ids={joined[3].UserId},nobody-here,{alice.UserId},{alice.UserId}"));
    }

    [Theory]
    [InlineData("limit=0", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest)]
    [InlineData("limit=1001", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest)]
    [InlineData("limit=ten", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest)]
    [InlineData("offset=-1", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest)]
    [InlineData("offset=99999999999", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest)]
    [InlineData("ids=" + "a,b,c,d,e,f,g,h,i,j,a,b,c,d,e,f,g,h,i,j,a,b,c,d,e,f,g,h,i,j,a,b,c,d,e,f,g,h,i,j,a,b,c,d,e,f,g,h,i,j,a,b,c,d,e,f,g,h,i,j,a,b,c,d,e,f,g,h,i,j,a,b,c,d,e,f,g,h,i,j,a,b,c,d,e,f,g,h,i,j,a,b,c,d,e,f,g,h,i,j,k", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest)]
    public async Task BadDirectoryPaging_IsRefusedWithAStableCode(string query, HttpStatusCode status, string code)
    {
        var (alice, _, community) = await CommunityWithContosoAsync();

        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/communities/{community.Id}/members?{query}"), status, code);
    }

    [Fact]
    public async Task TheAuditLog_ComesInPages_OldestOrNewestFirst_AndTellsTheTotalInAHeader()
    {
        var (alice, bob, community) = await CommunityWithContosoAsync();
        await bob.JoinAsync(community.Id);
        foreach (var role in new[] { "moderator", "member", "moderator" })
        {
            await ApiAssert.OkAsync<CommunityMember>(await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{bob.UserId}/role", new { role }));
        }

        async Task<(string Entries, string? Total)> ListAsync(string query)
        {
            var response = await alice.Http.GetAsync($"/api/communities/{community.Id}/audit?{query}");
            var entries = await ApiAssert.OkAsync<AuditEntry[]>(response);
            return (string.Join(", ", entries.Select(e => e.Detail is null ? e.Action : $"{e.Action} {e.Detail}")), response.Headers.TryGetValues("X-Total-Count", out var total) ? total.Single() : null);
        }

        var all = await ListAsync("");
        Assert.Equal("6", all.Total);
        Assert.EndsWith("member-joined open, role-changed moderator, role-changed member, role-changed moderator", all.Entries);
        Assert.Equal(("role-changed moderator, role-changed member", "6"), await ListAsync("order=newest&limit=2"));
        Assert.Equal(("role-changed member, role-changed moderator", "6"), await ListAsync("order=oldest&offset=4&limit=5"));
        Assert.Equal(("", "6"), await ListAsync("order=newest&offset=6&limit=5"));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    [InlineData("offset=-1")]
    [InlineData("order=sideways")]
    public async Task BadAuditPaging_IsInvalidRequest(string query)
    {
        var (alice, _, community) = await CommunityWithContosoAsync();

        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/communities/{community.Id}/audit?{query}"), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task AnOverlongDirectorySearch_IsTooLarge()
    {
        var (alice, _, community) = await CommunityWithContosoAsync();

        await ApiAssert.ErrorAsync(
            await alice.Http.GetAsync($"/api/communities/{community.Id}/members?q={new string('a', Limits.SearchQueryLength + 1)}"),
            HttpStatusCode.RequestEntityTooLarge,
            ErrorCodes.TooLarge);
    }
}
