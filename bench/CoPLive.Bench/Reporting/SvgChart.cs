using System.Globalization;
using System.Net;
using System.Text;

namespace CoPLive.Bench.Reporting;

/// <summary>Small hand-written SVG charts: lines over an index, and bars; with an optional dashed target line.</summary>
internal static class SvgChart
{
    public const string CoPLiveColor = "#1f6feb";
    public const string BaselineColor = "#8c959f";
    private const int Width = 760;
    private const int Height = 400;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 50;
    private const int Bottom = 60;
    private const int MaxPoints = 600;

    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series, (double Value, string Label)? target)
    {
        var count = series.Max(s => s.Values.Count);
        var yMax = NiceMax(Math.Max(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max(), target?.Value ?? 0));
        var svg = Begin(title, xLabel, yLabel, yMax);
        double X(double i) => Left + (count <= 1 ? 0 : i / (count - 1) * PlotWidth);
        var legendY = Top - 12;
        var legendX = Left;
        foreach (var line in series)
        {
            var step = Math.Max(1, line.Values.Count / MaxPoints);
            var points = new StringBuilder();
            for (var i = 0; i < line.Values.Count; i += step)
            {
                points.Append(Invariant($"{X(i):0.#},{Y(line.Values[i], yMax):0.#} "));
            }

            if (line.Values.Count > 0 && (line.Values.Count - 1) % step != 0)
            {
                points.Append(Invariant($"{X(line.Values.Count - 1):0.#},{Y(line.Values[^1], yMax):0.#}"));
            }

            svg.AppendLine(Invariant($"""  <polyline fill="none" stroke="{line.Color}" stroke-width="2" points="{points.ToString().Trim()}"/>"""));
            svg.AppendLine(Invariant($"""  <rect x="{legendX}" y="{legendY - 9}" width="14" height="4" fill="{line.Color}"/><text x="{legendX + 20}" y="{legendY - 4}" font-size="12">{Escape(line.Name)}</text>"""));
            legendX += 40 + (line.Name.Length * 7);
        }

        svg.AppendLine(Invariant($"""  <text x="{Left}" y="{Height - Bottom + 18}" font-size="11" text-anchor="middle">0</text>"""));
        svg.AppendLine(Invariant($"""  <text x="{Left + PlotWidth}" y="{Height - Bottom + 18}" font-size="11" text-anchor="middle">{count - 1}</text>"""));
        return End(svg, target, yMax);
    }

    public static string Bars(string title, string yLabel, IReadOnlyList<BarValue> bars, (double Value, string Label)? target)
    {
        var yMax = NiceMax(Math.Max(bars.Select(b => b.Value).DefaultIfEmpty(0).Max(), target?.Value ?? 0));
        var svg = Begin(title, "", yLabel, yMax);
        var slot = PlotWidth / bars.Count;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var value = double.IsNaN(bar.Value) ? 0 : Math.Max(0, bar.Value);
            var x = Left + (i * slot) + (slot * 0.25);
            var y = Y(value, yMax);
            svg.AppendLine(Invariant($"""  <rect x="{x:0.#}" y="{y:0.#}" width="{slot * 0.5:0.#}" height="{Height - Bottom - y:0.#}" fill="{bar.Color}"/>"""));
            svg.AppendLine(Invariant($"""  <text x="{x + (slot * 0.25):0.#}" y="{y - 6:0.#}" font-size="13" text-anchor="middle">{bar.Value:0.0}</text>"""));
            svg.AppendLine(Invariant($"""  <text x="{x + (slot * 0.25):0.#}" y="{Height - Bottom + 20}" font-size="13" text-anchor="middle">{Escape(bar.Label)}</text>"""));
        }

        return End(svg, target, yMax);
    }

    private static double PlotWidth => Width - Left - Right;

    private static double PlotHeight => Height - Top - Bottom;

    private static double Y(double value, double yMax) => Height - Bottom - (value / yMax * PlotHeight);

    private static StringBuilder Begin(string title, string xLabel, string yLabel, double yMax)
    {
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif">"""));
        svg.AppendLine(Invariant($"""  <rect width="{Width}" height="{Height}" fill="white"/>"""));
        svg.AppendLine(Invariant($"""  <text x="{Width / 2}" y="20" font-size="14" font-weight="bold" text-anchor="middle">{Escape(title)}</text>"""));
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = yMax * tick / 4;
            var y = Y(value, yMax);
            svg.AppendLine(Invariant($"""  <line x1="{Left}" y1="{y:0.#}" x2="{Width - Right}" y2="{y:0.#}" stroke="#eaeef2"/>"""));
            svg.AppendLine(Invariant($"""  <text x="{Left - 6}" y="{y + 4:0.#}" font-size="11" text-anchor="end">{value:0.##}</text>"""));
        }

        svg.AppendLine(Invariant($"""  <line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Height - Bottom}" stroke="black"/>"""));
        svg.AppendLine(Invariant($"""  <line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" stroke="black"/>"""));
        svg.AppendLine(Invariant($"""  <text x="{Left + (PlotWidth / 2):0.#}" y="{Height - 15}" font-size="12" text-anchor="middle">{Escape(xLabel)}</text>"""));
        svg.AppendLine(Invariant($"""  <text x="16" y="{Top + (PlotHeight / 2):0.#}" font-size="12" text-anchor="middle" transform="rotate(-90 16 {Top + (PlotHeight / 2):0.#})">{Escape(yLabel)}</text>"""));
        return svg;
    }

    private static string End(StringBuilder svg, (double Value, string Label)? target, double yMax)
    {
        if (target is { } t && !double.IsNaN(t.Value))
        {
            var y = Y(t.Value, yMax);
            svg.AppendLine(Invariant($"""  <line x1="{Left}" y1="{y:0.#}" x2="{Width - Right}" y2="{y:0.#}" stroke="#cf222e" stroke-dasharray="6 4"/>"""));
            svg.AppendLine(Invariant($"""  <text x="{Width - Right - 4}" y="{y - 5:0.#}" font-size="11" fill="#cf222e" text-anchor="end">{Escape(t.Label)}</text>"""));
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double NiceMax(double value)
    {
        if (value <= 0 || double.IsNaN(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value * 1.05)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
