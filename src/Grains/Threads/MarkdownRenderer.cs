using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CoPLive.Threads;

/// <summary>
/// Renders a post's Markdown to HTML that is safe to put in a page: raw HTML (blocks and inline) is not
/// parsed but shown as escaped text, and a link or image whose address has a scheme other than http, https
/// or mailto (javascript:, data:, vbscript:, ...) points to "#" instead. No script reaches a browser.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <summary>The safe HTML of <paramref name="markdown"/>.</summary>
    public static string ToSafeHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// Whether a link address is safe: relative (no scheme), or http, https or mailto. Browsers ignore
    /// whitespace and control characters inside a scheme ("java&#9;script:"), so those are dropped first.
    /// </summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var compact = new string([.. url.Where(c => c > ' ' && !char.IsControl(c))]).ToLowerInvariant();
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }

        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon)
        {
            return true; // "/a:b", "?x=y:z": the colon is not in a scheme
        }

        return compact[..colon] is "http" or "https" or "mailto";
    }
}
