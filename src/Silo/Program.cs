using CoPLive.Silo.Hosting;

// A silo-only node: grains, storage and clustering, no gateway. Configuration decides the mode
// (CoPLive:Orleans:*, from environment variables or the command line; see docs/operations.md).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddFilter("Orleans", LogLevel.Warning);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
var options = CoPLiveOrleansOptions.FromConfiguration(builder.Configuration);
builder.UseOrleans(silo => silo.UseCoPLiveSilo(options));
await builder.Build().RunAsync();
