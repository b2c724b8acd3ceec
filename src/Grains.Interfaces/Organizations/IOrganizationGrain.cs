using System.Collections.Immutable;

namespace CoPLive.Organizations;

/// <summary>An organization that employs members; keyed by the organization id.</summary>
[Alias("CoPLive.IOrganizationGrain")]
public interface IOrganizationGrain : IGrainWithStringKey
{
    /// <summary>Registers the organization. Registering again with the same name changes nothing; another name is a conflict.</summary>
    [Alias("Register")]
    Task<OrganizationInfo> RegisterAsync(string name);

    /// <summary>The organization, or not-found if it was never registered.</summary>
    [Alias("Get")]
    Task<OrganizationInfo> GetAsync();

    /// <summary>Whether the organization is registered.</summary>
    [Alias("IsRegistered")]
    Task<bool> IsRegisteredAsync();

    /// <summary>Records that a community admits this organization, so its members can discover it.</summary>
    [Alias("AddAdmittingCommunity")]
    Task AddAdmittingCommunityAsync(string communityId);

    /// <summary>Records that a community no longer admits this organization.</summary>
    [Alias("RemoveAdmittingCommunity")]
    Task RemoveAdmittingCommunityAsync(string communityId);

    /// <summary>The communities that admit this organization (the community grain stays the authority).</summary>
    [Alias("ListAdmittingCommunities")]
    Task<ImmutableArray<string>> ListAdmittingCommunitiesAsync();
}
