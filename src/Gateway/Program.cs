using CoPLive.Gateway.Hosting;

await GatewayApplication.Create(args).RunAsync();
