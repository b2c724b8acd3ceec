using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;

namespace CoPLive.Documents;

/// <summary>
/// Renders a whiteboard's elements (the Y.Map "elements" as JSON, schema in docs/whiteboard.md) as one SVG image:
/// strokes, shapes (rectangle, ellipse, diamond), sticky notes, text and connectors, in ascending <c>z</c> (then id).
/// Unknown element types and malformed fields are left out, never rendered half; all text is escaped.
/// </summary>
public static class WhiteboardSvg
{
    private const double Margin = 20;

    public static string Render(string elementsJson, string title)
    {
        using var document = JsonDocument.Parse(elementsJson);
        var elements = document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.Object).ToList()
            : [];
        var byId = elements.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var ordered = elements.OrderBy(e => Number(e.Value, "z") ?? 0).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();

        var body = new StringBuilder();
        var bounds = new Bounds();
        foreach (var element in ordered)
        {
            RenderElement(body, bounds, element.Name, element.Value, byId);
        }

        var (minX, minY, width, height) = bounds.ViewBox(Margin);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{F(minX)} {F(minY)} {F(width)} {F(height)}\" width=\"{F(width)}\" height=\"{F(height)}\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"context-stroke\"/></marker></defs>\n");
        svg.Append(body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void RenderElement(StringBuilder svg, Bounds bounds, string id, JsonElement e, Dictionary<string, JsonElement> byId)
    {
        var type = Text(e, "type");
        var stroke = Color(e, "stroke") ?? Color(e, "color") ?? "#1f2937";
        switch (type)
        {
            case "stroke":
                {
                    var points = Points(e, "points");
                    if (points.Count < 2)
                    {
                        return;
                    }

                    points.ForEach(p => bounds.Add(p.X, p.Y));
                    var width = Number(e, "strokeWidth") ?? 2;
                    svg.Append(CultureInfo.InvariantCulture, $"<polyline data-id=\"{Escape(id)}\" points=\"{string.Join(' ', points.Select(p => $"{F(p.X)},{F(p.Y)}"))}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{F(width)}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n");
                    return;
                }

            case "shape":
                {
                    if (Box(e) is not { } box)
                    {
                        return;
                    }

                    bounds.Add(box.X, box.Y);
                    bounds.Add(box.X + box.W, box.Y + box.H);
                    var fill = Color(e, "fill") ?? "none";
                    var lineWidth = Number(e, "strokeWidth") ?? 2;
                    var common = $"data-id=\"{Escape(id)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{F(lineWidth)}\"";
                    switch (Text(e, "shape") ?? "rectangle")
                    {
                        case "ellipse":
                            svg.Append(CultureInfo.InvariantCulture, $"<ellipse {common} cx=\"{F(box.X + (box.W / 2))}\" cy=\"{F(box.Y + (box.H / 2))}\" rx=\"{F(box.W / 2)}\" ry=\"{F(box.H / 2)}\"/>\n");
                            break;
                        case "diamond":
                            svg.Append(CultureInfo.InvariantCulture, $"<polygon {common} points=\"{F(box.X + (box.W / 2))},{F(box.Y)} {F(box.X + box.W)},{F(box.Y + (box.H / 2))} {F(box.X + (box.W / 2))},{F(box.Y + box.H)} {F(box.X)},{F(box.Y + (box.H / 2))}\"/>\n");
                            break;
                        default:
                            svg.Append(CultureInfo.InvariantCulture, $"<rect {common} x=\"{F(box.X)}\" y=\"{F(box.Y)}\" width=\"{F(box.W)}\" height=\"{F(box.H)}\"/>\n");
                            break;
                    }

                    if (Text(e, "text") is { Length: > 0 } label)
                    {
                        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(box.X + (box.W / 2))}\" y=\"{F(box.Y + (box.H / 2))}\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-family=\"sans-serif\" font-size=\"16\" fill=\"{stroke}\">{Escape(label)}</text>\n");
                    }

                    return;
                }

            case "sticky":
                {
                    if (Box(e, defaultWidth: 160, defaultHeight: 160) is not { } box)
                    {
                        return;
                    }

                    bounds.Add(box.X, box.Y);
                    bounds.Add(box.X + box.W, box.Y + box.H);
                    var fill = Color(e, "color") ?? "#fde68a";
                    svg.Append(CultureInfo.InvariantCulture, $"<g data-id=\"{Escape(id)}\"><rect x=\"{F(box.X)}\" y=\"{F(box.Y)}\" width=\"{F(box.W)}\" height=\"{F(box.H)}\" fill=\"{fill}\" stroke=\"#00000022\"/>");
                    var lineY = box.Y + 24;
                    foreach (var line in (Text(e, "text") ?? "").Split('\n'))
                    {
                        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(box.X + 10)}\" y=\"{F(lineY)}\" font-family=\"sans-serif\" font-size=\"16\" fill=\"#1f2937\">{Escape(line)}</text>");
                        lineY += 20;
                    }

                    svg.Append("</g>\n");
                    return;
                }

            case "text":
                {
                    if (Number(e, "x") is not { } x || Number(e, "y") is not { } y)
                    {
                        return;
                    }

                    var size = Number(e, "fontSize") ?? 16;
                    var content = Text(e, "text") ?? "";
                    bounds.Add(x, y - size);
                    bounds.Add(x + (content.Length * size * 0.6), y);
                    svg.Append(CultureInfo.InvariantCulture, $"<text data-id=\"{Escape(id)}\" x=\"{F(x)}\" y=\"{F(y)}\" font-family=\"sans-serif\" font-size=\"{F(size)}\" fill=\"{Color(e, "color") ?? "#1f2937"}\">{Escape(content)}</text>\n");
                    return;
                }

            case "connector":
                {
                    var from = Endpoint(e, "from", byId);
                    var to = Endpoint(e, "to", byId);
                    if (from is not { } a || to is not { } b)
                    {
                        return;
                    }

                    bounds.Add(a.X, a.Y);
                    bounds.Add(b.X, b.Y);
                    var arrow = e.TryGetProperty("arrow", out var arrowValue) && arrowValue.ValueKind == JsonValueKind.False ? "" : " marker-end=\"url(#arrow)\"";
                    svg.Append(CultureInfo.InvariantCulture, $"<line data-id=\"{Escape(id)}\" x1=\"{F(a.X)}\" y1=\"{F(a.Y)}\" x2=\"{F(b.X)}\" y2=\"{F(b.Y)}\" stroke=\"{stroke}\" stroke-width=\"{F(Number(e, "strokeWidth") ?? 2)}\"{arrow}/>\n");
                    return;
                }

            default:
                return;
        }
    }

    /// <summary>A connector's end: the centre of the element it names (an id string), or a point <c>{x, y}</c>.</summary>
    private static (double X, double Y)? Endpoint(JsonElement e, string name, Dictionary<string, JsonElement> byId)
    {
        if (!e.TryGetProperty(name, out var end))
        {
            return null;
        }

        if (end.ValueKind == JsonValueKind.String)
        {
            if (end.GetString() is { } target && byId.TryGetValue(target, out var other))
            {
                if (Box(other, defaultWidth: 160, defaultHeight: 160) is { } box)
                {
                    return (box.X + (box.W / 2), box.Y + (box.H / 2));
                }

                if (Number(other, "x") is { } x && Number(other, "y") is { } y)
                {
                    return (x, y);
                }
            }

            return null;
        }

        return end.ValueKind == JsonValueKind.Object && Number(end, "x") is { } px && Number(end, "y") is { } py ? (px, py) : null;
    }

    private static (double X, double Y, double W, double H)? Box(JsonElement e, double? defaultWidth = null, double? defaultHeight = null)
    {
        var x = Number(e, "x");
        var y = Number(e, "y");
        var w = Number(e, "width") ?? defaultWidth;
        var h = Number(e, "height") ?? defaultHeight;
        return x is { } bx && y is { } by && w is > 0 && h is > 0 ? (bx, by, w.Value, h.Value) : null;
    }

    private static List<(double X, double Y)> Points(JsonElement e, string name)
    {
        List<(double, double)> points = [];
        if (!e.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return points;
        }

        foreach (var point in array.EnumerateArray())
        {
            if (point.ValueKind == JsonValueKind.Array && point.GetArrayLength() >= 2
                && point[0].ValueKind == JsonValueKind.Number && point[1].ValueKind == JsonValueKind.Number)
            {
                points.Add((point[0].GetDouble(), point[1].GetDouble()));
            }
            else if (point.ValueKind == JsonValueKind.Object && Number(point, "x") is { } x && Number(point, "y") is { } y)
            {
                points.Add((x, y));
            }
        }

        return points;
    }

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble()) ? value.GetDouble() : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A colour if it is a plain CSS colour (#rgb, #rrggbb, #rrggbbaa or a name), so nothing but a colour reaches an attribute.</summary>
    private static string? Color(JsonElement e, string name)
    {
        var value = Text(e, name);
        if (string.IsNullOrEmpty(value) || value.Length > 32)
        {
            return null;
        }

        var hex = value[0] == '#' && value.Length is 4 or 7 or 9 && value.Skip(1).All(char.IsAsciiHexDigit);
        var word = value.All(char.IsAsciiLetter);
        return hex || word ? value : null;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    /// <summary>The extent of what was drawn.</summary>
    private sealed class Bounds
    {
        private double _minX = double.MaxValue;
        private double _minY = double.MaxValue;
        private double _maxX = double.MinValue;
        private double _maxY = double.MinValue;

        public void Add(double x, double y)
        {
            _minX = Math.Min(_minX, x);
            _minY = Math.Min(_minY, y);
            _maxX = Math.Max(_maxX, x);
            _maxY = Math.Max(_maxY, y);
        }

        public (double X, double Y, double W, double H) ViewBox(double margin) =>
            _minX > _maxX ? (0, 0, 100, 100) : (_minX - margin, _minY - margin, _maxX - _minX + (2 * margin), _maxY - _minY + (2 * margin));
    }
}
