using System.Net;
using CoPLive.Rooms;
using CoPLive.Silo.Storage;
using Orleans.Configuration;

namespace CoPLive.Silo.Hosting;

/// <summary>Configures a CoPLive silo: clustering, grain storage and reminders, as the options say.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>The configuration section bound to Orleans' <see cref="ClusterMembershipOptions"/>.</summary>
    public const string MembershipSection = "CoPLive:Orleans:Membership";

    /// <summary>
    /// Configures the silo. Call it before anything else registers hosted services, so that the schema
    /// initializer runs first.
    /// </summary>
    public static ISiloBuilder UseCoPLiveSilo(this ISiloBuilder silo, CoPLiveOrleansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        silo.Services.AddSingleton(options);
        silo.Services.AddHostedService<SchemaInitializer>();
        silo.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Failure detection (probe timeouts, missed probes, death votes) may be tuned under CoPLive:Orleans:Membership;
        // Orleans' defaults apply to what is not set.
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(MembershipSection);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });

        switch (options.Persistence)
        {
            case PersistenceMode.Sqlite:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.AddAdoNetGrainStorage(StorageNames.Main, storage =>
                {
                    storage.Invariant = AdoNetInvariants.Sqlite;
                    storage.ConnectionString = SqliteConnectionStrings.For(options.SqlitePath);
                });
                silo.UseInMemoryReminderService();
                break;

            case PersistenceMode.PostgreSql:
                silo.ConfigureEndpoints(
                    IPAddress.Parse(options.AdvertisedIPAddress),
                    options.SiloPort,
                    options.GatewayPort,
                    listenOnAnyHostAddress: false);
                silo.UseAdoNetClustering(clustering =>
                {
                    clustering.Invariant = AdoNetInvariants.PostgreSql;
                    clustering.ConnectionString = options.PostgreSqlConnectionString;
                });
                silo.AddAdoNetGrainStorage(StorageNames.Main, storage =>
                {
                    storage.Invariant = AdoNetInvariants.PostgreSql;
                    storage.ConnectionString = options.PostgreSqlConnectionString;
                });
                silo.UseAdoNetReminderService(reminders =>
                {
                    reminders.Invariant = AdoNetInvariants.PostgreSql;
                    reminders.ConnectionString = options.PostgreSqlConnectionString;
                });
                break;
        }

        return silo;
    }
}
