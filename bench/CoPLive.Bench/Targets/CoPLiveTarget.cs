using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CoPLive.Bench.Hosting;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Bench.Targets;

/// <summary>
/// CoPLive: the built gateway (src/Gateway/bin/{Configuration}/net10.0/CoPLive.Gateway.dll) as its own process in
/// development mode, with its SQLite file in a temporary folder. Every process this target starts uses the same
/// file, so people signed in and joined once stay members when a fresh process starts for the next scenario. With
/// a kept folder (<c>--keep-setup</c>), the file and the members' tokens stay for the next run of the bench too.
/// </summary>
internal sealed class CoPLiveTarget : IBenchTarget
{
    private const string ReadyLine = "CoPLive is running at";
    private const string SetupFile = "bench-setup.json";
    private readonly int _organizations;
    private readonly string _folder;
    private readonly bool _keep;
    private readonly string _run = Guid.NewGuid().ToString("n")[..6];
    private readonly List<string> _tokens = [];
    private readonly List<string> _meetupRooms = [];
    private string? _communityId;

    public CoPLiveTarget(int organizations, string? keepSetupFolder)
    {
        _organizations = organizations;
        _keep = keepSetupFolder is not null;
        _folder = keepSetupFolder ?? RepositoryPaths.NewTempFolder();
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, SetupFile);
        if (_keep && File.Exists(file))
        {
            var kept = JsonSerializer.Deserialize<KeptSetup>(File.ReadAllText(file))!;
            (_run, _communityId) = (kept.Run, kept.CommunityId);
            _tokens.AddRange(kept.Tokens);
            _meetupRooms.AddRange(kept.MeetupRooms);
            Log.Line($"CoPLive: starting from the setup kept in {_folder} ({_tokens.Count} members, {_meetupRooms.Count} meetups)");
        }
    }

    public string Name => "CoPLive";

    public string Room => $"community:{_communityId ?? throw new InvalidOperationException("Prepare first.")}";

    public async Task<ServerProcess> StartServerAsync(CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in TestGateway.SqliteSettings(_folder))
        {
            // The tests shorten the subscription lifetime; the bench runs with the product's default.
            if (!key.EndsWith("SubscriptionLifetime", StringComparison.Ordinal))
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        var dll = Path.Combine(RepositoryPaths.GatewayOutput, "CoPLive.Gateway.dll");
        return await ServerProcess.StartAsync(
            "CoPLive gateway",
            dll,
            [$"--urls=http://127.0.0.1:{port}"],
            environment,
            new Uri($"http://127.0.0.1:{port}"),
            ReadyLine,
            cancellationToken);
    }

    public async Task PrepareAsync(ServerProcess server, int participants, int parallelism, CancellationToken cancellationToken)
    {
        if (_tokens.Count >= participants)
        {
            return;
        }

        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        var first = _tokens.Count;
        var tokens = new string[participants - first];
        var done = 0;
        using (Log.Every(TimeSpan.FromSeconds(5), () => $"  CoPLive setup: {Volatile.Read(ref done)}/{tokens.Length} signed in"))
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(first, tokens.Length),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var response = await http.PostAsJsonAsync("/api/dev/token", new { userId = UserId(i), displayName = $"Participant {i}", organizationId = OrganizationId(i) }, ct);
                    tokens[i - first] = (await ReadAsync(response, ct)).GetProperty("token").GetString()!;
                    Interlocked.Increment(ref done);
                });
        }

        _tokens.AddRange(tokens);
        if (_communityId is null)
        {
            var created = await ReadAsync(
                await SendAsync(http, HttpMethod.Post, "/api/communities", _tokens[0], new { name = "Join storm", domain = "benchmarks", description = "CoPLive.Bench" }, cancellationToken),
                cancellationToken);
            _communityId = created.GetProperty("id").GetString()!;
            for (var k = 1; k < _organizations; k++)
            {
                await ReadAsync(
                    await SendAsync(http, HttpMethod.Post, $"/api/communities/{_communityId}/organizations", _tokens[0], new { organizationId = OrganizationId(k) }, cancellationToken),
                    cancellationToken);
            }
        }

        done = 0;
        using (Log.Every(TimeSpan.FromSeconds(5), () => $"  CoPLive setup: {Volatile.Read(ref done)}/{tokens.Length} joined the community"))
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(first, tokens.Length),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    await ReadAsync(await SendAsync(http, HttpMethod.Post, $"/api/communities/{_communityId}/join", _tokens[i], null, ct), ct);
                    Interlocked.Increment(ref done);
                });
        }

        Keep();
    }

    public Participant CreateParticipant(ServerProcess server, int index, ConvergenceTracker tracker)
    {
        var token = _tokens[index];
        var hub = Participant.Connection(new Uri(server.Address, "/hubs/live"), () => Task.FromResult<string?>(token));
        return new CoPLiveParticipant(index, hub, Room, tracker);
    }

    public async Task<IReadOnlyList<string>> PrepareRoomsAsync(ServerProcess server, int count, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        var startsAt = DateTimeOffset.UtcNow.AddDays(1);
        while (_meetupRooms.Count < count - 1)
        {
            var meetup = await ReadAsync(
                await SendAsync(http, HttpMethod.Post, $"/api/communities/{_communityId}/meetups", _tokens[0], new { title = $"Room {_meetupRooms.Count + 1}", startsAt, endsAt = startsAt.AddHours(1) }, cancellationToken),
                cancellationToken);
            _meetupRooms.Add($"meetup:{meetup.GetProperty("id").GetString()}");
        }

        Keep();
        return [Room, .. _meetupRooms.Take(count - 1)];
    }

    public Task EnterQuietlyAsync(Participant participant, string room, CancellationToken cancellationToken) =>
        participant.Hub.InvokeAsync<JsonElement>("EnterRoom", room, cancellationToken);

    public Task SendAsync(Participant participant, string room, string payload, CancellationToken cancellationToken) =>
        participant.Hub.InvokeAsync("Signal", room, payload, cancellationToken);

    public IDisposable OnMessage(Participant participant, Action<string> received) =>
        participant.Hub.On<JsonElement>("RoomEvents", batch =>
        {
            foreach (var roomEvent in batch.GetProperty("events").EnumerateArray())
            {
                if (roomEvent.GetProperty("type").ValueEquals("signal-sent"))
                {
                    received(roomEvent.GetProperty("payload").GetString()!);
                }
            }
        });

    private void Keep()
    {
        if (_keep)
        {
            File.WriteAllText(Path.Combine(_folder, SetupFile), JsonSerializer.Serialize(new KeptSetup(_run, _communityId!, [.. _tokens], [.. _meetupRooms])));
        }
    }

    private sealed record KeptSetup(string Run, string CommunityId, string[] Tokens, string[] MeetupRooms);

    private string UserId(int i) => $"bench-{_run}-u{i}";

    private string OrganizationId(int i) => $"bench-{_run}-o{i % _organizations}";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
            }

            if (text.Length == 0)
            {
                return default;
            }

            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }
}
