using System.Globalization;

namespace CoPLive.Testing;

/// <summary>One scrape of /metrics in the Prometheus text format, read just enough to sum a metric's samples.</summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            // name{label="value",...} value [timestamp]
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var closing = line.LastIndexOf('}');
            var space = line.IndexOf(' ', brace < 0 ? 0 : closing);
            var name = brace < 0 ? line[..space] : line[..brace];
            var labels = brace < 0 ? "" : line[(brace + 1)..closing];
            var value = line[(space + 1)..].Split(' ')[0];
            _samples.Add((name, labels, double.Parse(value, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public static async Task<PrometheusScrape> TakeAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        var response = await http.GetAsync("/metrics", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET /metrics: {(int)response.StatusCode} {body}");
        }

        return new PrometheusScrape(body);
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds; a timeout names <paramref name="what"/> and shows the last scrape's CoPLive lines.</summary>
    public static async Task<PrometheusScrape> WaitUntilAsync(HttpClient http, Func<PrometheusScrape, bool> condition, string what)
    {
        PrometheusScrape? last = null;
        using var stop = new CancellationTokenSource();
        try
        {
            return await PollAsync(stop.Token).Within(what);
        }
        catch (TimeoutException timeout)
        {
            var lines = last?.Text.Split('\n').Where(l => l.StartsWith("coplive", StringComparison.Ordinal)) ?? [];
            throw new TimeoutException($"{timeout.Message}. Last scrape:\n{string.Join('\n', lines)}", timeout);
        }
        finally
        {
            await stop.CancelAsync();
        }

        async Task<PrometheusScrape> PollAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                last = await TakeAsync(http, cancellationToken);
                if (condition(last))
                {
                    return last;
                }

                // The exporter serves a cached scrape for a short while; ask again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    /// <summary>Whether a family named <paramref name="name"/> is described (# TYPE), with or without samples.</summary>
    public bool Describes(string name) => Text.Contains($"# TYPE {name} ", StringComparison.Ordinal);

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels contain every one of <paramref name="labels"/> (e.g. <c>error_code="forbidden"</c>).</summary>
    public double Sum(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);
}
