using System.Collections.Immutable;
using CoPLive.Common;
using CoPLive.Identity;
using CoPLive.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace CoPLive.Communities;

/// <inheritdoc cref="ICommunityGrain"/>
/// <remarks>
/// Storage: a header (<see cref="CommunityState"/>: name, organizations, policies, invitations, join requests and
/// the ids of its items), the members in <see cref="MemberRows"/> rows by a hash of their id
/// (<see cref="BucketedRows{T}"/>) and the audit log in pages of <see cref="AuditPageSize"/>
/// (<see cref="PagedLog{T}"/>), each row its own entry under the main grain storage. A join writes one member row
/// and the audit log's last page, so its cost does not grow with the roster. A change is acknowledged once every
/// row it touched is written: member rows first, then the audit log, then the header.
/// </remarks>
public sealed partial class CommunityGrain(
    [PersistentState(StorageNames.CommunityState, StorageNames.Main)] IPersistentState<CommunityState> state,
    ILogger<CommunityGrain> logger)
    : Grain, ICommunityGrain
{
    /// <summary>Audit entries per storage row (<see cref="PagedLog{T}"/>).</summary>
    public const int AuditPageSize = 100;

    /// <summary>Member rows per community (<see cref="BucketedRows{T}"/>): part of the storage layout, never to change.</summary>
    public const int MemberRows = 32;

    private const string AuditPageGrainType = "coplive-community-audit";
    private const string MemberRowGrainType = "coplive-community-members";

    private BucketedRows<CommunityMemberState> _members = null!;
    private PagedLog<AuditEntry> _audit = null!;

    private string Id => this.GetPrimaryKeyString();

    private CommunityState S => state.State;

    private IRoomPresenceGrain Presence => GrainFactory.GetRoomPresence(RoomId.ForCommunity(Id));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        _members = new BucketedRows<CommunityMemberState>(storage, StorageNames.CommunityMemberBucket, MemberRowGrainType, Id, MemberRows);
        _audit = new PagedLog<AuditEntry>(storage, StorageNames.CommunityAuditPage, AuditPageGrainType, Id, AuditPageSize);
        if (S.Created)
        {
            await _members.LoadAsync();
            if (S.Members.Count > 0 || S.Audit.Count > 0)
            {
                await MoveOutOfTheHeaderAsync();
            }
        }
    }

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

        await _members.LoadAsync();
        var now = DateTimeOffset.UtcNow;
        S.Created = true;
        S.Name = name;
        S.Domain = domain;
        S.Description = string.IsNullOrEmpty(description) ? null : description;
        S.CreatedAt = now;
        S.Organizations = [new AdmissionState { OrganizationId = creator.OrganizationId, Sponsoring = true, AdmittedAt = now }];
        _members.Set(creator.UserId, NewMember(creator, CommunityRole.Coordinator, now));
        Record(creator, AuditActions.CommunityCreated, Id, name);
        await SaveAsync(header: true);
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

    public async Task<CommunityDetails> AdmitOrganizationAsync(MemberIdentity caller, string organizationId, PresencePolicy presence)
    {
        CoPLiveIds.Require(organizationId, "organization");
        RequireCoordinator(caller, "admit organizations");
        if (Admission(organizationId) is not null)
        {
            return ToDetails(caller);
        }

        var organization = GrainFactory.GetOrganization(organizationId);
        if (!await organization.IsRegisteredAsync())
        {
            throw CoPLiveException.NotFound("organization", organizationId);
        }

        S.Organizations.Add(new AdmissionState { OrganizationId = organizationId, Presence = presence, AdmittedAt = DateTimeOffset.UtcNow });
        Record(caller, AuditActions.OrganizationAdmitted, organizationId, Kebab(presence));
        await SaveAsync(header: true);
        await organization.AddAdmittingCommunityAsync(Id);
        LogOrganizationAdmitted(logger, Id, organizationId, caller.UserId);
        if (presence == PresencePolicy.Counted)
        {
            await Presence.ApplyAccessAsync(Access());
        }

        return ToDetails(caller);
    }

    public async Task<CommunityDetails> WithdrawOrganizationAsync(MemberIdentity caller, string organizationId)
    {
        CoPLiveIds.Require(organizationId, "organization");
        RequireCoordinator(caller, "withdraw organizations");
        var admission = Admission(organizationId) ?? throw CoPLiveException.NotFound("admitted organization", organizationId);
        if (admission.Sponsoring)
        {
            throw CoPLiveException.Conflict($"Organization '{organizationId}' sponsors this community; a sponsor cannot be withdrawn.");
        }

        var leaving = _members.Values.Where(m => m.OrganizationId == organizationId).ToList();
        if (leaving.Count > 0 && CoordinatorCount() == leaving.Count(m => m.Role == CommunityRole.Coordinator))
        {
            throw CoPLiveException.Conflict("Withdrawing this organization would leave the community without a coordinator.");
        }

        S.Organizations.Remove(admission);
        foreach (var member in leaving)
        {
            _members.Remove(member.UserId);
        }

        RemoveWhere(S.Invitations, i => i.OrganizationId == organizationId);
        RemoveWhere(S.JoinRequests, r => r.OrganizationId == organizationId);
        Record(caller, AuditActions.OrganizationWithdrawn, organizationId, $"{leaving.Count} members removed");
        await SaveAsync(header: true);
        await GrainFactory.GetOrganization(organizationId).RemoveAdmittingCommunityAsync(Id);
        LogOrganizationWithdrawn(logger, Id, organizationId, leaving.Count, caller.UserId);
        await RevokeEverywhereAsync(new RoomRevocation(
            [],
            [organizationId],
            ErrorCodes.Forbidden,
            "Your organization's admission to this community was withdrawn."));
        return ToDetails(caller);
    }

    public async Task<CommunityDetails> SetPresencePolicyAsync(MemberIdentity caller, string organizationId, PresencePolicy presence)
    {
        CoPLiveIds.Require(organizationId, "organization");
        RequireCoordinator(caller, "set presence policies");
        var admission = Admission(organizationId) ?? throw CoPLiveException.NotFound("admitted organization", organizationId);
        if (admission.Presence == presence)
        {
            return ToDetails(caller);
        }

        admission.Presence = presence;
        Record(caller, AuditActions.PresencePolicyChanged, organizationId, Kebab(presence));
        await SaveAsync(header: true);
        await Presence.ApplyAccessAsync(Access());
        return ToDetails(caller);
    }

    public async Task<CommunityDetails> SetJoinPolicyAsync(MemberIdentity caller, JoinPolicy policy)
    {
        RequireCoordinator(caller, "set the join policy");
        if (!Enum.IsDefined(policy))
        {
            throw CoPLiveException.Invalid("Unknown join policy.");
        }

        if (S.JoinPolicy != policy)
        {
            S.JoinPolicy = policy;
            Record(caller, AuditActions.JoinPolicyChanged, Id, Kebab(policy));
            await SaveAsync(header: true);
        }

        return ToDetails(caller);
    }

    public async Task<JoinResult> JoinAsync(MemberIdentity caller)
    {
        RequireVisibleTo(caller);
        if (_members.TryGetValue(caller.UserId, out var existing))
        {
            return new JoinResult(MembershipStatus.Member, existing.ToContract());
        }

        var invited = S.Invitations.TryGetValue(caller.UserId, out var invitation) && invitation.OrganizationId == caller.OrganizationId;
        if (invited || S.JoinPolicy == JoinPolicy.Open)
        {
            var member = NewMember(caller, CommunityRole.Member, DateTimeOffset.UtcNow);
            _members.Set(member.UserId, member);
            var headerChanged = S.Invitations.Remove(caller.UserId) | S.JoinRequests.Remove(caller.UserId);
            Record(caller, AuditActions.MemberJoined, caller.UserId, invited ? "invited" : "open");
            await SaveAsync(header: headerChanged);
            LogMemberJoined(logger, Id, caller.UserId, caller.OrganizationId);
            return new JoinResult(MembershipStatus.Member, member.ToContract());
        }

        if (S.JoinPolicy == JoinPolicy.Invitation)
        {
            throw CoPLiveException.Forbidden("This community admits new members by invitation only.");
        }

        if (!S.JoinRequests.ContainsKey(caller.UserId))
        {
            S.JoinRequests[caller.UserId] = new JoinRequest(caller.UserId, caller.DisplayName, caller.OrganizationId, DateTimeOffset.UtcNow);
            Record(caller, AuditActions.JoinRequested, caller.UserId, null);
            await SaveAsync(header: true);
        }

        return new JoinResult(MembershipStatus.Requested, null);
    }

    public async Task LeaveAsync(MemberIdentity caller)
    {
        RequireVisibleTo(caller);
        if (!_members.TryGetValue(caller.UserId, out var member))
        {
            throw new CoPLiveException(ErrorCodes.NotFound, "You are not a member of this community.");
        }

        RequireNotLastCoordinator(member, "leave");
        _members.Remove(caller.UserId);
        Record(caller, AuditActions.MemberLeft, caller.UserId, null);
        await SaveAsync(header: false);
        await RevokeEverywhereAsync(new RoomRevocation([caller.UserId], [], ErrorCodes.Forbidden, "You left the community."));
    }

    public async Task<Invitation> InviteAsync(MemberIdentity caller, string userId, string organizationId)
    {
        CoPLiveIds.Require(userId, "user");
        CoPLiveIds.Require(organizationId, "organization");
        RequireModerator(caller, "invite");
        if (Admission(organizationId) is null)
        {
            throw CoPLiveException.Conflict($"Organization '{organizationId}' is not admitted to this community; admit it before inviting its members.");
        }

        if (_members.ContainsKey(userId))
        {
            throw CoPLiveException.Conflict($"'{userId}' is already a member.");
        }

        if (S.Invitations.TryGetValue(userId, out var existing) && existing.OrganizationId == organizationId)
        {
            return existing;
        }

        var invitation = new Invitation(userId, organizationId, caller.UserId, DateTimeOffset.UtcNow);
        S.Invitations[userId] = invitation;
        Record(caller, AuditActions.MemberInvited, userId, organizationId);
        await SaveAsync(header: true);
        return invitation;
    }

    public async Task DeclineInvitationAsync(MemberIdentity caller)
    {
        RequireVisibleTo(caller);
        if (!S.Invitations.Remove(caller.UserId))
        {
            throw new CoPLiveException(ErrorCodes.NotFound, "You have no invitation to this community.");
        }

        Record(caller, AuditActions.InvitationDeclined, caller.UserId, null);
        await SaveAsync(header: true);
    }

    public Task<ImmutableArray<Invitation>> ListInvitationsAsync(MemberIdentity caller)
    {
        RequireModerator(caller, "see invitations");
        return Task.FromResult(S.Invitations.Values.OrderBy(i => i.InvitedAt).ToImmutableArray());
    }

    public Task<ImmutableArray<JoinRequest>> ListJoinRequestsAsync(MemberIdentity caller)
    {
        RequireModerator(caller, "see join requests");
        return Task.FromResult(S.JoinRequests.Values.OrderBy(r => r.RequestedAt).ToImmutableArray());
    }

    public async Task<CommunityMember> ApproveJoinRequestAsync(MemberIdentity caller, string userId)
    {
        CoPLiveIds.Require(userId, "user");
        RequireModerator(caller, "approve join requests");
        var request = PendingRequest(userId);
        var requester = new MemberIdentity(request.UserId, request.DisplayName, request.OrganizationId);
        var member = NewMember(requester, CommunityRole.Member, DateTimeOffset.UtcNow);
        _members.Set(member.UserId, member);
        S.JoinRequests.Remove(userId);
        S.Invitations.Remove(userId);
        Record(caller, AuditActions.RequestApproved, userId, null);
        await SaveAsync(header: true);
        LogMemberJoined(logger, Id, userId, request.OrganizationId);
        return member.ToContract();
    }

    public async Task RefuseJoinRequestAsync(MemberIdentity caller, string userId)
    {
        CoPLiveIds.Require(userId, "user");
        RequireModerator(caller, "refuse join requests");
        PendingRequest(userId);
        S.JoinRequests.Remove(userId);
        Record(caller, AuditActions.RequestRefused, userId, null);
        await SaveAsync(header: true);
    }

    public async Task<CommunityMember> ChangeRoleAsync(MemberIdentity caller, string userId, CommunityRole role)
    {
        CoPLiveIds.Require(userId, "user");
        RequireCoordinator(caller, "change roles");
        if (!Enum.IsDefined(role))
        {
            throw CoPLiveException.Invalid("Unknown role.");
        }

        var member = RequireMemberRecord(userId);
        if (member.Role == role)
        {
            return member.ToContract();
        }

        if (role != CommunityRole.Coordinator)
        {
            RequireNotLastCoordinator(member, "stop being coordinator");
        }

        member.Role = role;
        _members.Changed(member.UserId);
        Record(caller, AuditActions.RoleChanged, userId, Kebab(role));
        await SaveAsync(header: false);
        LogRoleChanged(logger, Id, userId, role, caller.UserId);
        return member.ToContract();
    }

    public async Task RemoveMemberAsync(MemberIdentity caller, string userId)
    {
        CoPLiveIds.Require(userId, "user");
        RequireCoordinator(caller, "remove members");
        var member = RequireMemberRecord(userId);
        RequireNotLastCoordinator(member, "be removed");
        _members.Remove(userId);
        Record(caller, AuditActions.MemberRemoved, userId, null);
        await SaveAsync(header: false);
        LogMemberRemoved(logger, Id, userId, caller.UserId);
        await RevokeEverywhereAsync(new RoomRevocation([userId], [], ErrorCodes.Forbidden, "You were removed from the community."));
    }

    public Task<Page<CommunityMember>> ListMembersAsync(MemberIdentity viewer, MemberQuery query)
    {
        RequireMember(viewer);
        ArgumentNullException.ThrowIfNull(query);
        if (query.OrganizationId is not null)
        {
            CoPLiveIds.Require(query.OrganizationId, "organization");
        }

        var search = Limits.OptionalText(query.Search, "q", Limits.SearchQueryLength);
        if (query.Offset < 0)
        {
            throw CoPLiveException.Invalid("'offset' must be 0 or more.");
        }

        if (query.Limit is < 1 or > Limits.MemberPageSize)
        {
            throw CoPLiveException.Invalid($"'limit' must be 1 to {Limits.MemberPageSize}.");
        }

        if (!query.UserIds.IsDefault && query.UserIds.Length > Limits.MemberIdsPerQuery)
        {
            throw CoPLiveException.Invalid($"'ids' names at most {Limits.MemberIdsPerQuery} members.");
        }

        IEnumerable<CommunityMemberState> candidates = query.UserIds.IsDefault
            ? _members.Values
            : query.UserIds.Distinct(StringComparer.Ordinal).Select(_members.GetValueOrDefault).OfType<CommunityMemberState>();
        var matching = candidates
            .Where(m => (query.OrganizationId is null || m.OrganizationId == query.OrganizationId)
                && (string.IsNullOrEmpty(search) || m.DisplayName.Contains(search, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => m.JoinedAt)
            .ThenBy(m => m.UserId, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(query.Offset).Take(query.Limit ?? matching.Count).Select(m => m.ToContract());
        return Task.FromResult(new Page<CommunityMember>([.. page], matching.Count));
    }

    public async Task<Page<AuditEntry>> ListAuditAsync(MemberIdentity caller, AuditQuery query)
    {
        RequireCoordinator(caller, "read the audit log");
        ArgumentNullException.ThrowIfNull(query);
        if (query.Offset < 0)
        {
            throw CoPLiveException.Invalid("'offset' must be 0 or more.");
        }

        if (query.Limit is < 1 or > Limits.AuditListPageSize)
        {
            throw CoPLiveException.Invalid($"'limit' must be 1 to {Limits.AuditListPageSize}.");
        }

        var total = await _audit.CountAsync();
        var count = (int)Math.Min(query.Limit ?? int.MaxValue, Math.Max(0, total - (long)query.Offset));
        if (count == 0)
        {
            return new Page<AuditEntry>([], total);
        }

        var entries = await _audit.ReadRangeAsync(query.NewestFirst ? total - query.Offset - count : query.Offset, count);
        if (query.NewestFirst)
        {
            entries.Reverse();
        }

        return new Page<AuditEntry>([.. entries], total);
    }

    public Task<RoomAccess> AuthorizeRoomEntryAsync(MemberIdentity member)
    {
        RequireMember(member);
        return Task.FromResult(Access());
    }

    public Task<MemberAccess> GetMemberAccessAsync(MemberIdentity member) =>
        Task.FromResult(new MemberAccess(RequireMember(member).Role, Access()));

    public async Task AddMeetupAsync(MemberIdentity caller, string meetupId)
    {
        if (RequireMember(caller).Role == CommunityRole.Guest)
        {
            throw CoPLiveException.Forbidden("Guests may not schedule meetups.");
        }

        if (!S.Meetups.Contains(meetupId))
        {
            S.Meetups.Add(meetupId);
            await SaveAsync(header: true);
        }
    }

    public async Task RecordAudienceAsync(MemberIdentity caller, string item, Audience? audience)
    {
        RequireMember(caller);
        Record(caller, AuditActions.AudienceSet, item, audience is null ? "whole community" : string.Join(", ", audience.Organizations));
        await SaveAsync(header: false);
    }

    public Task<ImmutableArray<string>> ListMeetupIdsAsync(MemberIdentity viewer)
    {
        RequireMember(viewer);
        return Task.FromResult(S.Meetups.ToImmutableArray());
    }

    public async Task AddThreadAsync(MemberIdentity caller, string threadId)
    {
        if (RequireMember(caller).Role == CommunityRole.Guest)
        {
            throw CoPLiveException.Forbidden("Guests may read and react, not start threads.");
        }

        if (!S.Threads.Contains(threadId))
        {
            S.Threads.Add(threadId);
            await SaveAsync(header: true);
        }
    }

    public async Task AddDocumentAsync(MemberIdentity caller, string documentId)
    {
        if (RequireMember(caller).Role == CommunityRole.Guest)
        {
            throw CoPLiveException.Forbidden("Guests may not create documents.");
        }

        if (!S.Documents.Contains(documentId))
        {
            S.Documents.Add(documentId);
            await SaveAsync(header: true);
        }
    }

    public Task<ImmutableArray<string>> ListThreadIdsAsync(MemberIdentity viewer)
    {
        RequireMember(viewer);
        return Task.FromResult(S.Threads.ToImmutableArray());
    }

    public Task<CommunityMember?> FindMemberAsync(string userId) =>
        Task.FromResult(S.Created && userId is not null && _members.TryGetValue(userId, out var member) ? member.ToContract() : null);

    public Task<CommunityContentIds> ListContentIdsAsync() =>
        Task.FromResult(S.Created ? new CommunityContentIds([.. S.Threads], [.. S.Meetups], [.. S.Documents]) : new CommunityContentIds([], [], []));

    /// <summary>
    /// Writes what a change touched: the member rows, then the audit log, then the header if it changed. If a write
    /// fails, the activation is dropped, so the next call starts again from what storage holds.
    /// </summary>
    private async Task SaveAsync(bool header)
    {
        try
        {
            await _members.WriteChangesAsync();
            await _audit.WriteChangesAsync();
            if (header)
            {
                await state.WriteStateAsync();
            }
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// A community stored before its members and audit log had rows of their own keeps them in the header: they
    /// move to their rows on its first activation, and the header is written without them last. A move cut short
    /// is done again; the audit entries are added only to an empty log, so they are never there twice.
    /// </summary>
    private async Task MoveOutOfTheHeaderAsync()
    {
        foreach (var member in S.Members.Values)
        {
            _members.Set(member.UserId, member);
        }

        if (S.Audit.Count > 0 && await _audit.IsEmptyAsync())
        {
            S.Audit.ForEach(_audit.Add);
        }

        var (members, entries) = (S.Members.Count, S.Audit.Count);
        S.Members.Clear();
        S.Audit.Clear();
        await SaveAsync(header: true);
        LogMovedOutOfTheHeader(logger, Id, members, entries);
    }

    /// <summary>Revokes access in the community's room, in the room of every meetup and thread, and in every document's sessions and presence.</summary>
    private async Task RevokeEverywhereAsync(RoomRevocation revocation)
    {
        await Presence.RevokeAsync(revocation);
        await Task.WhenAll(S.Meetups.Select(id => GrainFactory.GetRoomPresence(new RoomId(RoomKind.Meetup, id)).RevokeAsync(revocation)));
        await Task.WhenAll(S.Threads.Select(id => GrainFactory.GetRoomPresence(new RoomId(RoomKind.Thread, id)).RevokeAsync(revocation)));
        await Task.WhenAll(S.Documents.Select(id => GrainFactory.GetDocument(id).RevokeAsync(revocation)));
    }

    private RoomAccess Access() => new(
        S.Organizations.Where(o => o.Presence == PresencePolicy.Counted).Select(o => o.OrganizationId).ToImmutableHashSet(StringComparer.Ordinal));

    private AdmissionState? Admission(string organizationId) =>
        S.Organizations.Find(o => o.OrganizationId == organizationId);

    private bool IsVisibleTo(MemberIdentity viewer) =>
        S.Created && (Admission(viewer.OrganizationId) is not null || _members.ContainsKey(viewer.UserId));

    private void RequireVisibleTo(MemberIdentity viewer)
    {
        if (!IsVisibleTo(viewer))
        {
            throw CoPLiveException.NotFound("community", Id);
        }
    }

    private CommunityMemberState RequireMember(MemberIdentity viewer)
    {
        RequireVisibleTo(viewer);
        return _members.TryGetValue(viewer.UserId, out var member)
            ? member
            : throw CoPLiveException.Forbidden("Join the community first.");
    }

    private void RequireCoordinator(MemberIdentity caller, string toDo)
    {
        if (RequireMember(caller).Role != CommunityRole.Coordinator)
        {
            throw CoPLiveException.Forbidden($"Only a coordinator may {toDo}.");
        }
    }

    private void RequireModerator(MemberIdentity caller, string toDo)
    {
        if (RequireMember(caller).Role is not (CommunityRole.Coordinator or CommunityRole.Moderator))
        {
            throw CoPLiveException.Forbidden($"Only a coordinator or moderator may {toDo}.");
        }
    }

    private CommunityMemberState RequireMemberRecord(string userId) =>
        _members.TryGetValue(userId, out var member)
            ? member
            : throw new CoPLiveException(ErrorCodes.NotFound, $"'{userId}' is not a member of this community.");

    private void RequireNotLastCoordinator(CommunityMemberState member, string toDo)
    {
        if (member.Role == CommunityRole.Coordinator && CoordinatorCount() == 1)
        {
            throw CoPLiveException.Conflict($"The last coordinator cannot {toDo}: make another member coordinator first.");
        }
    }

    private JoinRequest PendingRequest(string userId)
    {
        if (S.JoinRequests.TryGetValue(userId, out var request))
        {
            return request;
        }

        throw _members.ContainsKey(userId)
            ? CoPLiveException.Conflict($"'{userId}' is already a member; there is no pending request.")
            : new CoPLiveException(ErrorCodes.NotFound, $"There is no pending request from '{userId}'.");
    }

    private int CoordinatorCount() => _members.Values.Count(m => m.Role == CommunityRole.Coordinator);

    private void Record(MemberIdentity actor, string action, string subject, string? detail) =>
        _audit.Add(new AuditEntry(DateTimeOffset.UtcNow, actor.UserId, actor.OrganizationId, action, subject, detail));

    private static CommunityMemberState NewMember(MemberIdentity member, CommunityRole role, DateTimeOffset joinedAt) => new()
    {
        UserId = member.UserId,
        DisplayName = member.DisplayName,
        OrganizationId = member.OrganizationId,
        Role = role,
        JoinedAt = joinedAt,
    };

    private static void RemoveWhere<T>(Dictionary<string, T> entries, Func<T, bool> predicate)
    {
        foreach (var key in entries.Where(e => predicate(e.Value)).Select(e => e.Key).ToList())
        {
            entries.Remove(key);
        }
    }

    /// <summary>An enum value as the API spells it (kebab-case), for audit details.</summary>
    private static string Kebab<T>(T value)
        where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private CommunityDetails ToDetails(MemberIdentity viewer)
    {
        var member = _members.GetValueOrDefault(viewer.UserId);
        var status = member is not null ? MembershipStatus.Member
            : S.Invitations.TryGetValue(viewer.UserId, out var invitation) && invitation.OrganizationId == viewer.OrganizationId ? MembershipStatus.Invited
            : S.JoinRequests.ContainsKey(viewer.UserId) ? MembershipStatus.Requested
            : MembershipStatus.None;
        return new CommunityDetails(
            Id,
            S.Name,
            S.Domain,
            S.Description,
            [.. S.Organizations.Where(o => o.Sponsoring).Select(o => o.OrganizationId)],
            [.. S.Organizations.Select(o => o.OrganizationId)],
            _members.Count,
            S.CreatedAt,
            member?.Role,
            S.JoinPolicy,
            status,
            [.. S.Organizations.Select(o => o.ToContract())]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Community {CommunityId}: moved {MemberCount} members and {AuditEntryCount} audit entries from the header to their own rows")]
    private static partial void LogMovedOutOfTheHeader(ILogger logger, string communityId, int memberCount, int auditEntryCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Community {CommunityId} created by {UserId} of {OrganizationId}")]
    private static partial void LogCommunityCreated(ILogger logger, string communityId, string userId, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Community {CommunityId} admitted organization {OrganizationId} (by {UserId})")]
    private static partial void LogOrganizationAdmitted(ILogger logger, string communityId, string organizationId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Community {CommunityId} withdrew organization {OrganizationId}, removing {MemberCount} members (by {UserId})")]
    private static partial void LogOrganizationWithdrawn(ILogger logger, string communityId, string organizationId, int memberCount, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {UserId} of {OrganizationId} joined community {CommunityId}")]
    private static partial void LogMemberJoined(ILogger logger, string communityId, string userId, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Community {CommunityId}: {UserId} is now {Role} (by {ByUserId})")]
    private static partial void LogRoleChanged(ILogger logger, string communityId, string userId, CommunityRole role, string byUserId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Community {CommunityId}: {UserId} removed (by {ByUserId})")]
    private static partial void LogMemberRemoved(ILogger logger, string communityId, string userId, string byUserId);
}
