using CoPLive.Communities;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace CoPLive.Grains.Tests;

/// <summary>
/// A community's members and audit log in rows of their own: the log across pages, and a community stored the old
/// way (everything in its header row) that keeps its members and log. Real SQLite and PostgreSQL rows, read back
/// after a process kill, are in CoPLive.Cluster.Tests' restart scenario.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CommunityStorageTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IGrainStorage Storage => fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    [Fact]
    public async Task TheAuditLog_KeepsEveryEntryInOrder_AcrossPages()
    {
        var org = await Grains.NewOrganizationAsync("northwind");
        var alice = Members.New("Alice", org);
        var bob = Members.New("Bob", org);
        var community = Grains.GetCommunity(Members.NewId("c"));
        await community.CreateAsync(new NewCommunity("Rock mechanics", "geotechnics", null), alice);
        await community.JoinAsync(bob);
        var changes = (2 * CommunityGrain.AuditPageSize) + 3;
        for (var i = 0; i < changes; i++)
        {
            await community.ChangeRoleAsync(alice, bob.UserId, i % 2 == 0 ? CommunityRole.Moderator : CommunityRole.Member);
        }

        var (audit, total) = await community.ListAuditAsync(alice, new AuditQuery());

        Assert.Equal((2 + changes, 2 + changes), (audit.Length, total));
        Assert.Equal([AuditActions.CommunityCreated, AuditActions.MemberJoined], audit.Take(2).Select(e => e.Action));
        Assert.All(audit.Skip(2), e => Assert.Equal(AuditActions.RoleChanged, e.Action));
        Assert.Equal(
            Enumerable.Range(0, changes).Select(i => i % 2 == 0 ? "moderator" : "member"),
            audit.Skip(2).Select(e => e.Detail));
        Assert.Equal(CommunityRole.Moderator, (await community.FindMemberAsync(bob.UserId))?.Role);

        // Any page of it, from a new activation (so from storage): across a page boundary, newest first, past the end.
        await community.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var acrossPages = await community.ListAuditAsync(alice, new AuditQuery(CommunityGrain.AuditPageSize - 2, 5));
        Assert.Equal(audit.Skip(CommunityGrain.AuditPageSize - 2).Take(5), acrossPages.Items);
        Assert.Equal(total, acrossPages.Total);
        var newest = await community.ListAuditAsync(alice, new AuditQuery(0, 3, NewestFirst: true));
        Assert.Equal(audit.Reverse().Take(3), newest.Items);
        var oldestFromTheEnd = await community.ListAuditAsync(alice, new AuditQuery(total - 5, 10, NewestFirst: true));
        Assert.Equal(audit.Take(5).Reverse(), oldestFromTheEnd.Items);
        var pastTheEnd = await community.ListAuditAsync(alice, new AuditQuery(total + 10, 10));
        Assert.Equal((0, total), (pastTheEnd.Items.Length, pastTheEnd.Total));
    }

    [Fact]
    public async Task ACommunityStoredWithItsMembersInTheHeader_KeepsThemAndItsLog_InRowsOfTheirOwn()
    {
        var org = await Grains.NewOrganizationAsync("northwind");
        var alice = Members.New("Alice", org);
        var bob = Members.New("Bob", org);
        var carol = Members.New("Carol", org);
        var id = Members.NewId("old");
        var created = DateTimeOffset.UtcNow.AddDays(-30);
        var header = new GrainState<CommunityState>(new CommunityState
        {
            Created = true,
            Name = "Stored the old way",
            Domain = "geotechnics",
            CreatedAt = created,
            Organizations = [new AdmissionState { OrganizationId = org, Sponsoring = true, AdmittedAt = created }],
            Members =
            {
                [alice.UserId] = new CommunityMemberState { UserId = alice.UserId, DisplayName = "Alice", OrganizationId = org, Role = CommunityRole.Coordinator, JoinedAt = created },
                [bob.UserId] = new CommunityMemberState { UserId = bob.UserId, DisplayName = "Bob", OrganizationId = org, Role = CommunityRole.Member, JoinedAt = created.AddDays(1) },
            },
            Audit =
            [
                new AuditEntry(created, alice.UserId, org, AuditActions.CommunityCreated, id, "Stored the old way"),
                new AuditEntry(created.AddDays(1), bob.UserId, org, AuditActions.MemberJoined, bob.UserId, "open"),
            ],
        });
        var headerId = GrainId.Create("community", id);
        await Storage.WriteStateAsync(StorageNames.CommunityState, headerId, header);
        var community = Grains.GetCommunity(id);

        var members = (await community.ListMembersAsync(alice, new MemberQuery())).Items;
        await community.JoinAsync(carol);
        var audit = (await community.ListAuditAsync(alice, new AuditQuery())).Items;

        Assert.Equal([(alice.UserId, CommunityRole.Coordinator), (bob.UserId, CommunityRole.Member)], members.Select(m => (m.UserId, m.Role)));
        Assert.Equal([AuditActions.CommunityCreated, AuditActions.MemberJoined, AuditActions.MemberJoined], audit.Select(e => e.Action));
        Assert.Equal([alice.UserId, bob.UserId, carol.UserId], audit.Select(e => e.ActorUserId));
        Assert.Equal(3, (await community.GetAsync(alice)).MemberCount);
        var stored = new GrainState<CommunityState>(new CommunityState());
        await Storage.ReadStateAsync(StorageNames.CommunityState, headerId, stored);
        Assert.Equal("Stored the old way", stored.State!.Name);
        Assert.Empty(stored.State.Members);
        Assert.Empty(stored.State.Audit);
    }
}
