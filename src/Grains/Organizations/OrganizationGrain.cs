using System.Collections.Immutable;
using CoPLive.Common;

namespace CoPLive.Organizations;

/// <inheritdoc cref="IOrganizationGrain"/>
public sealed class OrganizationGrain(
    [PersistentState(StorageNames.OrganizationState, StorageNames.Main)] IPersistentState<OrganizationState> state)
    : Grain, IOrganizationGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<OrganizationInfo> RegisterAsync(string name)
    {
        CoPLiveIds.Require(Id, "organization");
        var cleanName = Limits.RequireText(name, "name", Limits.NameLength);
        if (state.State.Name is { } existing)
        {
            return existing == cleanName
                ? ToInfo()
                : throw CoPLiveException.Conflict($"Organization '{Id}' is already registered as '{existing}'.");
        }

        state.State.Name = cleanName;
        state.State.RegisteredAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        return ToInfo();
    }

    public Task<OrganizationInfo> GetAsync() =>
        state.State.Name is null
            ? throw CoPLiveException.NotFound("organization", Id)
            : Task.FromResult(ToInfo());

    public Task<bool> IsRegisteredAsync() => Task.FromResult(state.State.Name is not null);

    public async Task AddAdmittingCommunityAsync(string communityId)
    {
        if (state.State.AdmittingCommunities.Add(communityId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAdmittingCommunityAsync(string communityId)
    {
        if (state.State.AdmittingCommunities.Remove(communityId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAdmittingCommunitiesAsync() =>
        Task.FromResult(state.State.AdmittingCommunities.Order(StringComparer.Ordinal).ToImmutableArray());

    private OrganizationInfo ToInfo() => new(Id, state.State.Name!, state.State.RegisteredAt);
}
