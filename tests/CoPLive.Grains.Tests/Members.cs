using CoPLive.Common;
using CoPLive.Identity;

namespace CoPLive.Grains.Tests;

/// <summary>Fresh members and organizations for each test.</summary>
public static class Members
{
    public static string NewId(string hint) => CoPLiveIds.New(hint);

    public static MemberIdentity New(string name, string organizationId) => new(CoPLiveIds.New(name), name, organizationId);

    /// <summary>Registers a fresh organization and returns its id.</summary>
    public static async Task<string> NewOrganizationAsync(this IGrainFactory grains, string hint)
    {
        var id = CoPLiveIds.New(hint);
        await grains.GetOrganization(id).RegisterAsync(hint);
        return id;
    }
}
