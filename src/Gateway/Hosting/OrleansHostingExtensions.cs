using CoPLive.Silo.Hosting;

namespace CoPLive.Gateway.Hosting;

/// <summary>Connects the gateway to Orleans: co-hosting a silo, or as a client (<c>CoPLive:Gateway:Role</c>).</summary>
public static class OrleansHostingExtensions
{
    public const string RoleKey = "CoPLive:Gateway:Role";

    public static WebApplicationBuilder AddCoPLiveOrleans(this WebApplicationBuilder builder)
    {
        var options = CoPLiveOrleansOptions.FromConfiguration(builder.Configuration);
        var role = builder.Configuration.GetValue(RoleKey, GatewayRole.CoHosted);
        if (role == GatewayRole.CoHosted)
        {
            builder.UseOrleans(silo => silo.UseCoPLiveSilo(options));
        }
        else
        {
            builder.UseOrleansClient(client => client.UseCoPLiveClient(options));
        }

        return builder;
    }
}
