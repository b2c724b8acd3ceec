using CoPLive.Silo.Storage;
using Orleans.Configuration;

namespace CoPLive.Silo.Hosting;

/// <summary>Configures a pure Orleans client (a gateway node without a silo) to reach the CoPLive cluster.</summary>
public static class ClientBuilderExtensions
{
    public static IClientBuilder UseCoPLiveClient(this IClientBuilder client, CoPLiveOrleansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        client.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        switch (options.Persistence)
        {
            case PersistenceMode.Sqlite:
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
                break;
            case PersistenceMode.PostgreSql:
                client.UseAdoNetClustering(clustering =>
                {
                    clustering.Invariant = AdoNetInvariants.PostgreSql;
                    clustering.ConnectionString = options.PostgreSqlConnectionString;
                });
                break;
        }

        return client;
    }
}
