using TeamsLearningBot.Content;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// An item's reflections across the team's channels: the item index names its cards, each card's
/// partition holds its reflections. A command's read, never on a hot path.
/// </summary>
public sealed class ReflectionListing(ReflectionIndex index, ReflectionStore store, ContentStore content, TeamStore teams)
{
    public async Task<ReflectionPage> GetPageAsync(string teamId, int itemNumber, int page, CancellationToken cancellationToken)
    {
        var item = await content.GetAsync(teamId, itemNumber, cancellationToken);
        var cards = await index.ListItemAsync(teamId, itemNumber, cancellationToken);
        var perCard = await Task.WhenAll(cards.Select(c => store.ListReflectionsAsync(c.Post, null, cancellationToken)));
        var all = perCard.SelectMany(r => r)
            .OrderByDescending(r => r.CreatedAt)
            .ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .ToList();
        var number = Math.Clamp(page, 1, Math.Max(1, (all.Count + ReflectionPage.Size - 1) / ReflectionPage.Size));
        var channels = (await teams.ListChannelsAsync(teamId, cancellationToken))
            .ToDictionary(c => c.ChannelId, c => c.Name, StringComparer.Ordinal);
        var shown = all.Skip((number - 1) * ReflectionPage.Size).Take(ReflectionPage.Size).ToList();

        // Keyed by the card's partition, which is each reflection's partition key.
        var names = cards.DistinctBy(c => c.RowKey)
            .ToDictionary(c => c.RowKey, c => channels.GetValueOrDefault(c.ChannelId) ?? "a channel", StringComparer.Ordinal);
        return new ReflectionPage(itemNumber, item?.Title, shown, names, number, all.Count);
    }
}
