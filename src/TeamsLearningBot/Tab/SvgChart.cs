namespace TeamsLearningBot.Tab;

/// <summary>
/// Server-drawn SVG charts for the tab: vertical bars (grouped or stacked) with optional
/// benchmark lines, and horizontal bars. Colours come from the page's theme (CSS classes), every
/// bar carries its figure in <c>data-value</c> and a <c>title</c>, and the caller puts a table with
/// the same numbers beside each chart, so nothing is only in the picture.
/// </summary>
public static class SvgChart
{
    private const double Width = 640;
    private const double Height = 240;
    private const double Left = 44;
    private const double Right = 118;
    private const double Top = 16;
    private const double Bottom = 44;

    /// <summary>One series: its name, its CSS class (colour) and a value per category (null: suppressed, drawn as "&lt;N").</summary>
    public sealed record Series(string Name, string Css, IReadOnlyList<double?> Values);

    /// <summary>A horizontal reference line at <see cref="Value"/>, in the colour of <see cref="Css"/>.</summary>
    public sealed record Line(string Label, string Css, double Value);

    /// <summary>One horizontal bar: its label, its value and the figure written after it.</summary>
    public sealed record Bar(string Label, double Value, string Figure);

    public static void Columns(HtmlBuilder h, string id, string title, IReadOnlyList<string> categories, IReadOnlyList<Series> series, double max, string unit, bool stacked = false, IReadOnlyList<Line>? lines = null, string? suppressed = null)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        max = max <= 0 ? 1 : max;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(double v) => Top + plotHeight - (Math.Clamp(v, 0, max) / max * plotHeight);
        h.Open("svg", ("viewBox", $"0 0 {Width} {Height}"), ("class", "chart"), ("role", "img"), ("aria-labelledby", id + "-title"), ("data-chart", id));
        h.Element("title", title, ("id", id + "-title"));
        foreach (var tick in Ticks(max))
        {
            h.Empty("line", ("class", "grid"), ("x1", Left), ("x2", Width - Right), ("y1", Y(tick)), ("y2", Y(tick)));
            h.Element("text", HtmlBuilder.Format(tick) + unit, ("class", "tick"), ("x", Left - 6), ("y", Y(tick) + 4), ("text-anchor", "end"));
        }

        var band = plotWidth / Math.Max(1, categories.Count);
        var groups = stacked ? 1 : series.Count;
        var barWidth = Math.Min(48, band * 0.8 / groups);
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = Left + (c * band) + ((band - (barWidth * groups)) / 2);
            var stack = 0.0;
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[c];
                var x = stacked ? x0 : x0 + (s * barWidth);
                if (value is not { } v)
                {
                    h.Element("text", suppressed ?? "–", ("class", "suppressed"), ("x", x + (barWidth / 2)), ("y", Y(0) - 4), ("text-anchor", "middle"), ("data-series", series[s].Name), ("data-category", categories[c]));
                    continue;
                }

                var top = Y(stack + v);
                var bottom = Y(stack);
                h.Open("rect", ("class", "bar " + series[s].Css), ("x", x), ("y", top), ("width", barWidth - 2), ("height", Math.Max(0, bottom - top)), ("data-series", series[s].Name), ("data-category", categories[c]), ("data-value", HtmlBuilder.Format(v)))
                    .Element("title", $"{series[s].Name}, {categories[c]}: {HtmlBuilder.Format(v)}{unit}")
                    .Close("rect");
                if (!stacked && v > 0)
                {
                    h.Element("text", HtmlBuilder.Format(Math.Round(v)), ("class", "value"), ("x", x + (barWidth / 2) - 1), ("y", top - 3), ("text-anchor", "middle"));
                }

                if (stacked)
                {
                    stack += v;
                }
            }

            if (stacked && stack > 0)
            {
                h.Element("text", HtmlBuilder.Format(stack), ("class", "value"), ("x", x0 + (barWidth / 2) - 1), ("y", Y(stack) - 3), ("text-anchor", "middle"));
            }

            h.Element("text", categories[c], ("class", "category"), ("x", Left + (c * band) + (band / 2)), ("y", Height - Bottom + 16), ("text-anchor", "middle"));
        }

        h.Empty("line", ("class", "axis"), ("x1", Left), ("x2", Width - Right), ("y1", Y(0)), ("y2", Y(0)));
        var labelled = new List<double>();
        foreach (var line in lines ?? [])
        {
            var y = Y(line.Value);
            h.Empty("line", ("class", "benchmark " + line.Css), ("x1", Left), ("x2", Width - Right), ("y1", y), ("y2", y), ("data-benchmark", HtmlBuilder.Format(line.Value)));

            // Two close lines (20% and 18%) would print their labels on top of each other: the lower one goes below its line.
            var below = labelled.Any(l => Math.Abs(Y(l) - y) < 14);
            h.Element("text", line.Label, ("class", "benchmark-label " + line.Css), ("x", Width - Right + 4), ("y", below ? y + 12 : y - 2));
            labelled.Add(line.Value);
        }

        Legend(h, series, Width - Right + 4, Top + 56);
        h.Close("svg");
    }

    public static void Rows(HtmlBuilder h, string id, string title, IReadOnlyList<Bar> bars, double max, string css)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(bars);
        max = max <= 0 ? 1 : max;
        const double row = 26;
        const double labelWidth = 230;
        const double figureWidth = 170;
        var height = Math.Max(1, bars.Count) * row + 8;
        var plot = Width - labelWidth - figureWidth;
        h.Open("svg", ("viewBox", $"0 0 {Width} {height}"), ("class", "chart rows"), ("role", "img"), ("aria-labelledby", id + "-title"), ("data-chart", id));
        h.Element("title", title, ("id", id + "-title"));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 4 + (i * row);
            var w = Math.Clamp(bar.Value, 0, max) / max * plot;
            h.Element("text", Shorten(bar.Label, 34), ("class", "category"), ("x", labelWidth - 8), ("y", y + 16), ("text-anchor", "end"));
            h.Empty("rect", ("class", "track"), ("x", labelWidth), ("y", y + 3), ("width", plot), ("height", row - 8));
            h.Open("rect", ("class", "bar " + css), ("x", labelWidth), ("y", y + 3), ("width", Math.Max(0, w)), ("height", row - 8), ("data-series", title), ("data-category", bar.Label), ("data-value", HtmlBuilder.Format(bar.Value)))
                .Element("title", $"{bar.Label}: {bar.Figure}")
                .Close("rect");
            h.Element("text", bar.Figure, ("class", "value"), ("x", labelWidth + plot + 6), ("y", y + 16));
        }

        h.Close("svg");
    }

    private static void Legend(HtmlBuilder h, IReadOnlyList<Series> series, double x, double y)
    {
        if (series.Count < 2)
        {
            return;
        }

        for (var s = 0; s < series.Count; s++)
        {
            h.Empty("rect", ("class", "bar " + series[s].Css), ("x", x), ("y", y + (s * 18)), ("width", 12), ("height", 12));
            h.Element("text", series[s].Name, ("class", "legend"), ("x", x + 16), ("y", y + (s * 18) + 10));
        }
    }

    private static IEnumerable<double> Ticks(double max)
    {
        var step = max <= 5 ? 1 : max <= 10 ? 2 : max <= 25 ? 5 : max <= 50 ? 10 : max <= 100 ? 20 : Math.Ceiling(max / 5 / 10) * 10;
        for (var t = 0.0; t <= max + 1e-9; t += step)
        {
            yield return t;
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
