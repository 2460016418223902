using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Content;

/// <summary>A validated item's fields, ready to become a new item or to replace an item's fields.</summary>
public sealed record ContentDraft(
    string Title,
    Uri Url,
    string? Summary,
    ContentKind Kind,
    int? Minutes,
    IReadOnlyList<string> Tags,
    string? PerformanceNeed,
    IReadOnlyList<string> Prompts)
{
    /// <summary>A new item; the store gives it its number.</summary>
    public ContentItem ToNewItem(string teamId, ChannelAccount? addedBy, DateTimeOffset addedAt) =>
        Apply(new ContentItem
        {
            TeamId = teamId,
            Number = 0,
            Title = Title,
            Url = Url,
            AddedById = addedBy?.Id,
            AddedByName = addedBy?.Name,
            AddedAt = addedAt,
        });

    /// <summary>The item with these fields; who added it, when and its status stay.</summary>
    public ContentItem Apply(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item with
        {
            Title = Title,
            Url = Url,
            Summary = Summary,
            Kind = Kind,
            Minutes = Minutes,
            Tags = Tags,
            PerformanceNeed = PerformanceNeed,
            Prompts = Prompts,
        };
    }
}
