using CoPLive.Common;
using CoPLive.Communities;

namespace CoPLive.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CommunityGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Create_MakesCreatorCoordinator_AndAdmitsAndSponsorsTheirOrganization()
    {
        var org = await Grains.NewOrganizationAsync("northwind");
        var alice = Members.New("Alice", org);
        var id = Members.NewId("rock");

        var created = await Grains.GetCommunity(id).CreateAsync(new NewCommunity("Rock mechanics", "geotechnics", "Slopes"), alice);

        Assert.Equal(CommunityRole.Coordinator, created.ViewerRole);
        Assert.Equal([org], created.SponsoringOrganizations.ToArray());
        Assert.Equal([org], created.AdmittedOrganizations.ToArray());
        Assert.Equal(1, created.MemberCount);
        Assert.Contains(id, await Grains.GetOrganization(org).ListAdmittingCommunitiesAsync());
    }

    [Fact]
    public async Task Create_Twice_IsAConflict_AndKeepsTheFirst()
    {
        var org = await Grains.NewOrganizationAsync("northwind");
        var alice = Members.New("Alice", org);
        var community = Grains.GetCommunity(Members.NewId("c"));
        await community.CreateAsync(new NewCommunity("First", "d", null), alice);

        var error = await Assert.ThrowsAsync<CoPLiveException>(() => community.CreateAsync(new NewCommunity("Second", "d", null), alice));

        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Equal("First", (await community.GetAsync(alice)).Name);
    }

    [Fact]
    public async Task Create_ByUnregisteredOrganization_IsNotFound_AndStoresNothing()
    {
        var stranger = Members.New("Eve", Members.NewId("nowhere"));
        var community = Grains.GetCommunity(Members.NewId("c"));

        var error = await Assert.ThrowsAsync<CoPLiveException>(() => community.CreateAsync(new NewCommunity("X", "d", null), stranger));

        Assert.Equal(ErrorCodes.NotFound, error.Code);
        Assert.Null(await community.TryGetVisibleAsync(stranger));
    }

    [Theory]
    [InlineData("", "domain", ErrorCodes.InvalidRequest)]
    [InlineData("   ", "domain", ErrorCodes.InvalidRequest)]
    [InlineData("name", "", ErrorCodes.InvalidRequest)]
    public async Task Create_WithMissingFields_IsRefused_AndStoresNothing(string name, string domain, string code)
    {
        var org = await Grains.NewOrganizationAsync("northwind");
        var alice = Members.New("Alice", org);
        var community = Grains.GetCommunity(Members.NewId("c"));

        var error = await Assert.ThrowsAsync<CoPLiveException>(() => community.CreateAsync(new NewCommunity(name, domain, null), alice));

        Assert.Equal(code, error.Code);
        Assert.Null(await community.TryGetVisibleAsync(alice));
    }

    [Fact]
    public async Task Create_WithOverlongName_IsTooLarge()
    {
        var org = await Grains.NewOrganizationAsync("northwind");
        var community = Grains.GetCommunity(Members.NewId("c"));

        var error = await Assert.ThrowsAsync<CoPLiveException>(
            () => community.CreateAsync(new NewCommunity(new string('x', Limits.NameLength + 1), "d", null), Members.New("Alice", org)));

        Assert.Equal(ErrorCodes.TooLarge, error.Code);
    }

    [Fact]
    public async Task Members_OfANonAdmittedOrganization_CannotSeeOrJoin()
    {
        var northwind = await Grains.NewOrganizationAsync("northwind");
        var contoso = await Grains.NewOrganizationAsync("contoso");
        var community = Grains.GetCommunity(Members.NewId("c"));
        await community.CreateAsync(new NewCommunity("C", "d", null), Members.New("Alice", northwind));
        var bob = Members.New("Bob", contoso);

        Assert.Null(await community.TryGetVisibleAsync(bob));
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<CoPLiveException>(() => community.GetAsync(bob))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<CoPLiveException>(() => community.JoinAsync(bob))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<CoPLiveException>(() => community.AuthorizeRoomEntryAsync(bob))).Code);
    }

    [Fact]
    public async Task Admit_ThenJoin_MakesAMember_AndJoiningAgainChangesNothing()
    {
        var northwind = await Grains.NewOrganizationAsync("northwind");
        var contoso = await Grains.NewOrganizationAsync("contoso");
        var alice = Members.New("Alice", northwind);
        var bob = Members.New("Bob", contoso);
        var community = Grains.GetCommunity(Members.NewId("c"));
        await community.CreateAsync(new NewCommunity("C", "d", null), alice);

        var admitted = await community.AdmitOrganizationAsync(alice, contoso, PresencePolicy.Named);
        var first = await community.JoinAsync(bob);
        var second = await community.JoinAsync(bob);

        Assert.Equal([northwind, contoso], admitted.AdmittedOrganizations.ToArray());
        Assert.Equal(MembershipStatus.Member, first.Status);
        Assert.Equal(CommunityRole.Member, first.Member!.Role);
        Assert.Equal(first, second);
        var members = (await community.ListMembersAsync(bob, new MemberQuery())).Items;
        Assert.Equal([alice.UserId, bob.UserId], members.Select(m => m.UserId));
        Assert.Contains(community.GetPrimaryKeyString(), await Grains.GetOrganization(contoso).ListAdmittingCommunitiesAsync());
    }

    [Fact]
    public async Task Admit_ByANonCoordinator_IsForbidden_AndChangesNothing()
    {
        var northwind = await Grains.NewOrganizationAsync("northwind");
        var contoso = await Grains.NewOrganizationAsync("contoso");
        var alice = Members.New("Alice", northwind);
        var carol = Members.New("Carol", northwind);
        var community = Grains.GetCommunity(Members.NewId("c"));
        await community.CreateAsync(new NewCommunity("C", "d", null), alice);
        await community.JoinAsync(carol);

        var error = await Assert.ThrowsAsync<CoPLiveException>(() => community.AdmitOrganizationAsync(carol, contoso, PresencePolicy.Named));

        Assert.Equal(ErrorCodes.Forbidden, error.Code);
        Assert.Equal([northwind], (await community.GetAsync(alice)).AdmittedOrganizations.ToArray());
    }

    [Fact]
    public async Task Admit_UnknownOrganization_IsNotFound()
    {
        var northwind = await Grains.NewOrganizationAsync("northwind");
        var alice = Members.New("Alice", northwind);
        var community = Grains.GetCommunity(Members.NewId("c"));
        await community.CreateAsync(new NewCommunity("C", "d", null), alice);

        var error = await Assert.ThrowsAsync<CoPLiveException>(() => community.AdmitOrganizationAsync(alice, Members.NewId("ghost"), PresencePolicy.Named));

        Assert.Equal(ErrorCodes.NotFound, error.Code);
        Assert.Equal([northwind], (await community.GetAsync(alice)).AdmittedOrganizations.ToArray());
    }

    [Fact]
    public async Task RoomEntry_RequiresMembership()
    {
        var northwind = await Grains.NewOrganizationAsync("northwind");
        var alice = Members.New("Alice", northwind);
        var carol = Members.New("Carol", northwind);
        var community = Grains.GetCommunity(Members.NewId("c"));
        await community.CreateAsync(new NewCommunity("C", "d", null), alice);

        var error = await Assert.ThrowsAsync<CoPLiveException>(() => community.AuthorizeRoomEntryAsync(carol));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);

        await community.JoinAsync(carol);
        await community.AuthorizeRoomEntryAsync(carol);
    }
}
