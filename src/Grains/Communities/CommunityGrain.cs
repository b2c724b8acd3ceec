using System.Collections.Immutable;
using CoPLive.Common;
using CoPLive.Identity;
using Microsoft.Extensions.Logging;

namespace CoPLive.Communities;

/// <inheritdoc cref="ICommunityGrain"/>
public sealed partial class CommunityGrain(
    [PersistentState(StorageNames.CommunityState, StorageNames.Main)] IPersistentState<CommunityState> state,
    ILogger<CommunityGrain> logger)
    : Grain, ICommunityGrain
{
    private string Id => this.GetPrimaryKeyString();

    private CommunityState S => state.State;

    public async Task<CommunityDetails> CreateAsync(NewCommunity community, MemberIdentity creator)
    {
        CoPLiveIds.Require(Id, "community");
        ArgumentNullException.ThrowIfNull(community);
        var name = Limits.RequireText(community.Name, "name", Limits.NameLength);
        var domain = Limits.RequireText(community.Domain, "domain", Limits.DomainLength);
        var description = Limits.OptionalText(community.Description, "description", Limits.DescriptionLength);
        if (S.Created)
        {
            throw CoPLiveException.Conflict($"A community with id '{Id}' already exists.");
        }

        var organization = GrainFactory.GetOrganization(creator.OrganizationId);
        if (!await organization.IsRegisteredAsync())
        {
            throw CoPLiveException.NotFound("organization", creator.OrganizationId);
        }

        var now = DateTimeOffset.UtcNow;
        S.Created = true;
        S.Name = name;
        S.Domain = domain;
        S.Description = string.IsNullOrEmpty(description) ? null : description;
        S.CreatedAt = now;
        S.SponsoringOrganizations = [creator.OrganizationId];
        S.AdmittedOrganizations = [creator.OrganizationId];
        S.Members[creator.UserId] = new CommunityMemberState
        {
            UserId = creator.UserId,
            DisplayName = creator.DisplayName,
            OrganizationId = creator.OrganizationId,
            Role = CommunityRole.Coordinator,
            JoinedAt = now,
        };
        await state.WriteStateAsync();
        await organization.AddAdmittingCommunityAsync(Id);
        LogCommunityCreated(logger, Id, creator.UserId, creator.OrganizationId);
        return ToDetails(creator);
    }

    public Task<CommunityDetails> GetAsync(MemberIdentity viewer)
    {
        RequireVisibleTo(viewer);
        return Task.FromResult(ToDetails(viewer));
    }

    public Task<CommunityDetails?> TryGetVisibleAsync(MemberIdentity viewer) =>
        Task.FromResult(IsVisibleTo(viewer) ? ToDetails(viewer) : null);

    public async Task<CommunityDetails> AdmitOrganizationAsync(MemberIdentity caller, string organizationId)
    {
        CoPLiveIds.Require(organizationId, "organization");
        RequireVisibleTo(caller);
        if (RoleOf(caller) != CommunityRole.Coordinator)
        {
            throw CoPLiveException.Forbidden("Only a coordinator of the community may admit organizations.");
        }

        if (S.AdmittedOrganizations.Contains(organizationId))
        {
            return ToDetails(caller);
        }

        var organization = GrainFactory.GetOrganization(organizationId);
        if (!await organization.IsRegisteredAsync())
        {
            throw CoPLiveException.NotFound("organization", organizationId);
        }

        S.AdmittedOrganizations.Add(organizationId);
        await state.WriteStateAsync();
        await organization.AddAdmittingCommunityAsync(Id);
        LogOrganizationAdmitted(logger, Id, organizationId, caller.UserId);
        return ToDetails(caller);
    }

    public async Task<CommunityMember> JoinAsync(MemberIdentity caller)
    {
        RequireVisibleTo(caller);
        if (S.Members.TryGetValue(caller.UserId, out var existing))
        {
            return existing.ToContract();
        }

        var member = new CommunityMemberState
        {
            UserId = caller.UserId,
            DisplayName = caller.DisplayName,
            OrganizationId = caller.OrganizationId,
            Role = CommunityRole.Member,
            JoinedAt = DateTimeOffset.UtcNow,
        };
        S.Members[caller.UserId] = member;
        await state.WriteStateAsync();
        LogMemberJoined(logger, Id, caller.UserId, caller.OrganizationId);
        return member.ToContract();
    }

    public Task<ImmutableArray<CommunityMember>> ListMembersAsync(MemberIdentity viewer)
    {
        RequireMember(viewer);
        var members = S.Members.Values
            .OrderBy(m => m.JoinedAt)
            .ThenBy(m => m.UserId, StringComparer.Ordinal)
            .Select(m => m.ToContract())
            .ToImmutableArray();
        return Task.FromResult(members);
    }

    public Task AuthorizeRoomEntryAsync(MemberIdentity member)
    {
        RequireMember(member);
        return Task.CompletedTask;
    }

    private bool IsVisibleTo(MemberIdentity viewer) =>
        S.Created
        && (S.AdmittedOrganizations.Contains(viewer.OrganizationId) || S.Members.ContainsKey(viewer.UserId));

    private void RequireVisibleTo(MemberIdentity viewer)
    {
        if (!IsVisibleTo(viewer))
        {
            throw CoPLiveException.NotFound("community", Id);
        }
    }

    private void RequireMember(MemberIdentity viewer)
    {
        RequireVisibleTo(viewer);
        if (!S.Members.ContainsKey(viewer.UserId))
        {
            throw CoPLiveException.Forbidden("Join the community first.");
        }
    }

    private CommunityRole? RoleOf(MemberIdentity viewer) =>
        S.Members.TryGetValue(viewer.UserId, out var member) ? member.Role : null;

    private CommunityDetails ToDetails(MemberIdentity viewer) => new(
        Id,
        S.Name,
        S.Domain,
        S.Description,
        [.. S.SponsoringOrganizations],
        [.. S.AdmittedOrganizations],
        S.Members.Count,
        S.CreatedAt,
        RoleOf(viewer));

    [LoggerMessage(Level = LogLevel.Information, Message = "Community {CommunityId} created by {UserId} of {OrganizationId}")]
    private static partial void LogCommunityCreated(ILogger logger, string communityId, string userId, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Community {CommunityId} admitted organization {OrganizationId} (by {UserId})")]
    private static partial void LogOrganizationAdmitted(ILogger logger, string communityId, string organizationId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {UserId} of {OrganizationId} joined community {CommunityId}")]
    private static partial void LogMemberJoined(ILogger logger, string communityId, string userId, string organizationId);
}
