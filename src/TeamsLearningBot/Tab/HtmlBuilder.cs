using System.Globalization;
using System.Net;
using System.Text;

namespace TeamsLearningBot.Tab;

/// <summary>
/// Writes the tab's HTML and SVG: element names and attribute names are the code's own, every
/// text and attribute value is HTML-encoded here, so what people wrote is shown as text.
/// </summary>
public sealed class HtmlBuilder
{
    private readonly StringBuilder html = new();

    /// <summary>Opens an element; <paramref name="attributes"/> are name/value pairs (a null value leaves the attribute out).</summary>
    public HtmlBuilder Open(string element, params (string Name, object? Value)[] attributes)
    {
        html.Append('<').Append(element);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                html.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(Format(value))).Append('"');
            }
        }

        html.Append('>');
        return this;
    }

    public HtmlBuilder Close(string element)
    {
        html.Append("</").Append(element).Append('>');
        return this;
    }

    /// <summary>An element with only text in it.</summary>
    public HtmlBuilder Element(string element, object? text, params (string Name, object? Value)[] attributes) =>
        Open(element, attributes).Text(text).Close(element);

    /// <summary>An element with nothing in it (an SVG shape).</summary>
    public HtmlBuilder Empty(string element, params (string Name, object? Value)[] attributes)
    {
        Open(element, attributes);
        html.Insert(html.Length - 1, '/');
        return this;
    }

    public HtmlBuilder Text(object? text)
    {
        html.Append(WebUtility.HtmlEncode(Format(text)));
        return this;
    }

    public override string ToString() => html.ToString();

    /// <summary>Numbers in the invariant culture, with at most one decimal for fractions (what the charts and tables show).</summary>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("0.#", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
