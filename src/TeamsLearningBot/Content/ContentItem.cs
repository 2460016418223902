using System.Globalization;
using System.Text.Json;

namespace TeamsLearningBot.Content;

/// <summary>A library item as the features use it. <see cref="Id"/> is the short id people type, e.g. <c>C12</c>.</summary>
public sealed record ContentItem
{
    public required string TeamId { get; init; }

    public required int Number { get; init; }

    public string Id => ContentIds.Format(Number);

    public required string Title { get; init; }

    public required Uri Url { get; init; }

    public string? Summary { get; init; }

    public ContentKind Kind { get; init; } = ContentKind.Article;

    public int? Minutes { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Why anyone would need this: the performance need it serves.</summary>
    public string? PerformanceNeed { get; init; }

    public IReadOnlyList<string> Prompts { get; init; } = [];

    public string? AddedById { get; init; }

    public string? AddedByName { get; init; }

    public DateTimeOffset AddedAt { get; init; }

    public ContentStatus Status { get; init; } = ContentStatus.Active;

    public string? SuggestedById { get; init; }

    public string? SuggestedByName { get; init; }

    public static bool TryParseId(string text, out int number)
    {
        number = 0;
        var trimmed = text?.Trim() ?? string.Empty;
        return trimmed.Length > 1
            && (trimmed[0] is 'C' or 'c')
            && int.TryParse(trimmed.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }

    internal static ContentItem FromEntity(ContentEntity e) => new()
    {
        TeamId = e.TeamId,
        Number = e.Number,
        Title = e.Title,
        Url = new Uri(e.Url),
        Summary = e.Summary,
        Kind = Enum.TryParse<ContentKind>(e.Kind, out var kind) ? kind : ContentKind.Other,
        Minutes = e.Minutes,
        Tags = JsonSerializer.Deserialize<string[]>(e.TagsJson) ?? [],
        PerformanceNeed = e.PerformanceNeed,
        Prompts = JsonSerializer.Deserialize<string[]>(e.PromptsJson) ?? [],
        AddedById = e.AddedById,
        AddedByName = e.AddedByName,
        AddedAt = e.AddedAt,
        Status = Enum.TryParse<ContentStatus>(e.Status, out var status) ? status : ContentStatus.Active,
        SuggestedById = e.SuggestedById,
        SuggestedByName = e.SuggestedByName,
    };

    internal ContentEntity ToEntity(string partitionKey) => new()
    {
        PartitionKey = partitionKey,
        RowKey = ContentEntity.RowPrefix + Number.ToString("D8", CultureInfo.InvariantCulture),
        TeamId = TeamId,
        Number = Number,
        Title = Title,
        Url = Url.AbsoluteUri,
        Summary = Summary,
        Kind = Kind.ToString(),
        Minutes = Minutes,
        TagsJson = JsonSerializer.Serialize(Tags),
        PerformanceNeed = PerformanceNeed,
        PromptsJson = JsonSerializer.Serialize(Prompts),
        AddedById = AddedById,
        AddedByName = AddedByName,
        AddedAt = AddedAt,
        Status = Status.ToString(),
        SuggestedById = SuggestedById,
        SuggestedByName = SuggestedByName,
    };
}

public enum ContentStatus
{
    Active,
    Archived,
}

public enum ContentKind
{
    Article,
    Video,
    Podcast,
    Document,
    Other,
}

/// <summary>The short ids people type: <c>C12</c>.</summary>
public static class ContentIds
{
    public static string Format(int number) => "C" + number.ToString(CultureInfo.InvariantCulture);
}
