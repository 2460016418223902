using System.Globalization;
using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Content;

/// <summary>
/// The committed starter pack (Content/StarterPack.json, embedded): good public items on working
/// and learning together, each with a performance need and an open prompt, so a new team's
/// library is never empty.
/// </summary>
public static class StarterPack
{
    private const string ResourceName = "TeamsLearningBot.Content.StarterPack.json";
    private static readonly Lazy<IReadOnlyList<ContentInput>> Loaded = new(Load);

    public static IReadOnlyList<ContentInput> Items => Loaded.Value;

    private static List<ContentInput> Load()
    {
        using var stream = typeof(StarterPack).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var entries = JsonSerializer.Deserialize<List<Entry>>(stream, ActivityJson.Options) ?? [];
        return [.. entries.Select(e => new ContentInput
        {
            Title = e.Title,
            Url = e.Url,
            Summary = e.Summary,
            Kind = e.Kind,
            Minutes = e.Minutes?.ToString(CultureInfo.InvariantCulture),
            Tags = e.Tags ?? [],
            PerformanceNeed = e.Need,
            Prompts = e.Prompts ?? [],
        })];
    }

    private sealed record Entry(string? Title, string? Url, string? Summary, string? Kind, int? Minutes, string[]? Tags, string? Need, string[]? Prompts);
}
