using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoPLive.Bench.Baseline;

/// <summary>
/// The baseline server: this executable started with <c>--baseline-server --port P --parent-pid Q</c> hosts a minimal
/// Kestrel + SignalR app on 127.0.0.1:P and exits on its own when process Q is gone. Its hub requires a JWT bearer
/// token, validated as the gateway validates its own (see <see cref="BaselineTokens"/>), so that the comparison with
/// CoPLive counts the authenticated user each connection holds on both sides.
/// </summary>
internal static class BaselineServer
{
    public const string Flag = "--baseline-server";
    public const string ReadyLine = "Baseline SignalR server is running at";
    public const string HubPath = "/hubs/baseline";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var port = int.Parse(ValueOf(args, "--port"), CultureInfo.InvariantCulture);
        var parentPid = int.Parse(ValueOf(args, "--parent-pid"), CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton<BaselineRooms>();
        builder.Services.AddSignalR();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = BaselineTokens.Validation();
            jwt.Events = new JwtBearerEvents
            {
                // WebSocket clients send the token in the query, as they do to the gateway.
                OnMessageReceived = context =>
                {
                    if (string.IsNullOrEmpty(context.Token) && context.Request.Query["access_token"].FirstOrDefault() is { Length: > 0 } token)
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHub<BaselineHub>(HubPath);
        await app.StartAsync();
        Console.WriteLine($"{ReadyLine} http://127.0.0.1:{port}");

        while (ParentIsAlive(parentPid))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Console.WriteLine("The bench that started this baseline server is gone; stopping.");
        await app.StopAsync();
        return 0;
    }

    private static bool ParentIsAlive(int pid)
    {
        try
        {
            using var parent = Process.GetProcessById(pid);
            return !parent.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string ValueOf(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        throw new ArgumentException($"{Flag} needs {name}.");
    }
}
