using System.Net;
using CoPLive.Activity;
using CoPLive.Documents;
using CoPLive.Documents.Yjs;
using CoPLive.Rooms;
using CoPLive.Silo.Search;
using CoPLive.Silo.Storage;
using CoPLive.Silo.Storage.Documents;
using CoPLive.Threads;
using Orleans.Configuration;

namespace CoPLive.Silo.Hosting;

/// <summary>Configures a CoPLive silo: clustering, grain storage and reminders, as the options say.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>The configuration section bound to Orleans' <see cref="ClusterMembershipOptions"/>.</summary>
    public const string MembershipSection = "CoPLive:Orleans:Membership";

    /// <summary>The configuration section bound to Orleans' <see cref="GrainCollectionOptions"/>.</summary>
    public const string GrainCollectionSection = "CoPLive:Orleans:GrainCollection";

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
        silo.Services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddYjsEngine();
        silo.Services.AddMetrics();
        silo.Services.AddSingleton<DocumentMetrics>();
        // Failure detection (probe timeouts, missed probes, death votes) may be tuned under CoPLive:Orleans:Membership;
        // Orleans' defaults apply to what is not set.
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(MembershipSection);
        // How long an unused activation (a document with its live Y.Doc, a thread, ...) stays in memory may be tuned
        // under CoPLive:Orleans:GrainCollection (CollectionAge, CollectionQuantum); Orleans' defaults otherwise.
        silo.Services.AddOptions<GrainCollectionOptions>().BindConfiguration(GrainCollectionSection);
        silo.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
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
                silo.AddAdoNetGrainStorage(StorageNames.PubSubStore, storage =>
                {
                    storage.Invariant = AdoNetInvariants.Sqlite;
                    storage.ConnectionString = SqliteConnectionStrings.For(options.SqlitePath);
                });
                silo.Services.AddSingleton<IThreadSearchIndex>(new SqliteThreadSearchIndex(SqliteConnectionStrings.For(options.SqlitePath)));
                silo.UseInMemoryReminderService();
                silo.Services.AddSingleton<IDocumentStore>(new SqliteDocumentStore(SqliteConnectionStrings.For(options.SqlitePath)));
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
                silo.AddAdoNetGrainStorage(StorageNames.PubSubStore, storage =>
                {
                    storage.Invariant = AdoNetInvariants.PostgreSql;
                    storage.ConnectionString = options.PostgreSqlConnectionString;
                });
                silo.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(options.PostgreSqlConnectionString!));
                silo.Services.AddSingleton<IDocumentStore>(provider => new PostgreSqlDocumentStore(provider.GetRequiredService<Npgsql.NpgsqlDataSource>()));
                silo.UseAdoNetReminderService(reminders =>
                {
                    reminders.Invariant = AdoNetInvariants.PostgreSql;
                    reminders.ConnectionString = options.PostgreSqlConnectionString;
                });
                silo.Services.AddSingleton<IThreadSearchIndex>(_ => new PostgreSqlThreadSearchIndex(Npgsql.NpgsqlDataSource.Create(options.PostgreSqlConnectionString!)));
                break;
        }

        // Activity events: memory streams (one stream per community), subscriptions kept in the main storage.
        silo.AddMemoryStreams(ActivityStreams.Provider);
        return silo;
    }
}
