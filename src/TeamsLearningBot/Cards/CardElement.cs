using System.Text.Json.Nodes;

namespace TeamsLearningBot.Cards;

/// <summary>One element of a card body. Create them through the static factories.</summary>
public sealed class CardElement
{
    private CardElement(JsonObject node) => Node = node;

    internal JsonObject Node { get; }

    /// <summary>The element's JSON, e.g. to measure it before adding it to a card.</summary>
    public JsonNode ToJsonNode() => Node.DeepClone();

    public static CardElement Text(string text, TextStyle style = TextStyle.Body)
    {
        var node = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        switch (style)
        {
            case TextStyle.Title:
                node["size"] = "Large";
                node["weight"] = "Bolder";
                break;
            case TextStyle.Heading:
                node["size"] = "Medium";
                node["weight"] = "Bolder";
                break;
            case TextStyle.Subtle:
                node["isSubtle"] = true;
                node["size"] = "Small";
                break;
            case TextStyle.Warning:
                node["color"] = "Warning";
                break;
            case TextStyle.Good:
                node["color"] = "Good";
                break;
            case TextStyle.Body:
            default:
                break;
        }

        return new CardElement(node);
    }

    public static CardElement Facts(IEnumerable<(string Title, string Value)> facts) => new(new JsonObject
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]),
    });

    public static CardElement Container(IEnumerable<CardElement> items, string? style = null, bool separator = false)
    {
        var node = new JsonObject
        {
            ["type"] = "Container",
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)i.Node.DeepClone())]),
        };
        if (style is not null)
        {
            node["style"] = style;
        }

        if (separator)
        {
            node["separator"] = true;
        }

        return new CardElement(node);
    }

    /// <summary>A column of a <see cref="ColumnSet"/>: <paramref name="width"/> is a weight ("3"), "auto" or "stretch".</summary>
    public static CardElement Column(IEnumerable<CardElement> items, string width, string? style = null)
    {
        var node = new JsonObject
        {
            ["type"] = "Column",
            ["width"] = width,
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)i.Node.DeepClone())]),
        };
        if (style is not null)
        {
            node["style"] = style;
        }

        return new CardElement(node);
    }

    /// <summary>Columns side by side; with weighted widths and styles they draw a bar.</summary>
    public static CardElement ColumnSet(IEnumerable<CardElement> columns, bool separator = false)
    {
        var node = new JsonObject
        {
            ["type"] = "ColumnSet",
            ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)c.Node.DeepClone())]),
        };
        if (separator)
        {
            node["separator"] = true;
        }

        return new CardElement(node);
    }

    public static CardElement TextInput(string id, string label, string? value = null, string? placeholder = null, bool multiline = false, int? maxLength = null, bool required = false, string? errorMessage = null)
    {
        var node = new JsonObject { ["type"] = "Input.Text", ["id"] = id, ["label"] = label, ["isMultiline"] = multiline };
        if (value is not null)
        {
            node["value"] = value;
        }

        if (placeholder is not null)
        {
            node["placeholder"] = placeholder;
        }

        if (maxLength is { } max)
        {
            node["maxLength"] = max;
        }

        if (required)
        {
            node["isRequired"] = true;
            node["errorMessage"] = errorMessage ?? $"{label} is required.";
        }

        return new CardElement(node);
    }

    public static CardElement ChoiceInput(string id, string label, IEnumerable<(string Title, string Value)> choices, string? value = null, bool expanded = false, bool multiSelect = false)
    {
        var node = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["style"] = expanded ? "expanded" : "compact",
            ["isMultiSelect"] = multiSelect,
            ["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]),
        };
        if (value is not null)
        {
            node["value"] = value;
        }

        return new CardElement(node);
    }

    public static CardElement NumberInput(string id, string label, int? value = null, int? min = null, int? max = null)
    {
        var node = new JsonObject { ["type"] = "Input.Number", ["id"] = id, ["label"] = label };
        if (value is { } v)
        {
            node["value"] = v;
        }

        if (min is { } lo)
        {
            node["min"] = lo;
        }

        if (max is { } hi)
        {
            node["max"] = hi;
        }

        return new CardElement(node);
    }

    public static CardElement Toggle(string id, string title, bool value = false) => new(new JsonObject
    {
        ["type"] = "Input.Toggle",
        ["id"] = id,
        ["title"] = title,
        ["value"] = value ? "true" : "false",
        ["valueOn"] = "true",
        ["valueOff"] = "false",
    });

    public static CardElement Actions(params CardAction[] actions) => new(new JsonObject
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray([.. actions.Select(a => (JsonNode)a.Node.DeepClone())]),
    });
}

public enum TextStyle
{
    Body,
    Title,
    Heading,
    Subtle,
    Warning,
    Good,
}
