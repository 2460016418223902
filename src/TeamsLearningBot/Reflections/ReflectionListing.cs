using TeamsLearningBot.Content;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// An item's reflections across the team's channels: the item index names its cards, each card's
/// partition holds its reflections. A command's read, never on a hot path.
/// <para>
/// Only what the viewer's channel may see: a private channel's members are some of the team, a
/// shared channel's may include people outside it. So reflections from private and shared channels
/// are listed only in their own channel, and a shared channel lists only its own.
/// </para>
/// </summary>
public sealed class ReflectionListing(ReflectionIndex index, ReflectionStore store, ContentStore content, TeamStore teams)
{
    /// <param name="viewer">The channel the listing is asked for in (its id and, when Teams tells it, its type).</param>
    public async Task<ReflectionPage> GetPageAsync(string teamId, int itemNumber, int page, ChannelInfo? viewer, CancellationToken cancellationToken)
    {
        var item = await content.GetAsync(teamId, itemNumber, cancellationToken);
        var indexed = await index.ListItemAsync(teamId, itemNumber, cancellationToken);
        var posts = await Task.WhenAll(indexed.Select(c => store.GetPostAsync(c.Post, cancellationToken)));

        // An activity without the channel's type: what an earlier one from that channel said, if any.
        var here = viewer is { Type: null, Id: { } id }
            ? viewer with { Type = posts.FirstOrDefault(p => p?.ChannelId == id && p.ChannelType is not null)?.ChannelType }
            : viewer;
        var cards = indexed.Where((c, i) => Visible(c.ChannelId, posts[i]?.ChannelType, here)).ToList();
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

    /// <summary>Whether a card's reflections may be shown in the viewer's channel.</summary>
    public static bool Visible(string cardChannelId, string? cardChannelType, ChannelInfo? viewer)
    {
        if (viewer?.Id is { } here && string.Equals(here, cardChannelId, StringComparison.Ordinal))
        {
            return true;
        }

        var outsidersMayRead = string.Equals(viewer?.Type, ChannelInfo.Shared, StringComparison.OrdinalIgnoreCase);
        var someMembersOnly = string.Equals(cardChannelType, ChannelInfo.Private, StringComparison.OrdinalIgnoreCase)
            || string.Equals(cardChannelType, ChannelInfo.Shared, StringComparison.OrdinalIgnoreCase);
        return !outsidersMayRead && !someMembersOnly;
    }
}

/// <summary>One page of an item's reflections across channels, newest first.</summary>
public sealed record ReflectionPage(
    int ItemNumber,
    string? ItemTitle,
    IReadOnlyList<ReflectionEntity> Reflections,
    IReadOnlyDictionary<string, string> ChannelNames,
    int Page,
    int Total)
{
    public const int Size = 10;

    public int Pages => Math.Max(1, (Total + Size - 1) / Size);

    public bool HasMore => Page < Pages;
}
