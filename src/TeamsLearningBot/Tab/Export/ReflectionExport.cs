using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Content;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// A team's reflections for the export, read page by page: the team's items (those with the tag,
/// or the one asked for), each item's cards from the item index, each card's participant rows
/// (their ratings) and then its reflections in the period, in one query, one storage page at a time. What is
/// held is a card list and, for the few cards read ahead, their ratings and at most two pages
/// each, never all the reflections: memory does not grow with them. Cards are in posting order, a card's reflections in storage order.
/// <para>
/// Which cards count follows <see cref="InsightsScope"/>, as <c>insights</c> does: a team export
/// leaves out private and shared channels, a private or shared channel's export has only its own.
/// A reflection erased by <c>forget me</c> or retention is gone from storage, so from the export.
/// A card's reflections are found once its first refresh indexed it (seconds after the first one).
/// </para>
/// </summary>
public sealed class ReflectionExport(
    ContentStore content,
    ReflectionIndex index,
    StorageTables tables,
    TeamStore teams,
    IOptions<ExportOptions> options)
{
    public const string AnonymousAuthor = "anonymous";
    private const int ParallelCardReads = 8;
    private const int CardsAhead = 4;
    private static readonly string[] CardColumns = [nameof(ReflectionPostEntity.TeamId), nameof(ReflectionPostEntity.ChannelId), nameof(ReflectionPostEntity.ActivityId), nameof(ReflectionPostEntity.ChannelType), nameof(ReflectionPostEntity.Prompt), nameof(ReflectionPostEntity.PostedAt)];
    // A card's participant rows (their ratings) and its reflections, in one query: only what a row of the file needs.
    private static readonly string[] RowColumns = [nameof(ITableEntity.RowKey), nameof(ParticipantEntity.Rating), nameof(ReflectionEntity.Text), nameof(ReflectionEntity.Anonymous), nameof(ReflectionEntity.AuthorName), nameof(ReflectionEntity.LearnerKey), nameof(ReflectionEntity.CreatedAt)];

    public async IAsyncEnumerable<ExportRow> RowsAsync(InsightsScope scope, InsightsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        var items = await ItemsAsync(scope.TeamId, request, cancellationToken);
        var channels = (await teams.ListChannelsAsync(scope.TeamId, cancellationToken))
            .ToDictionary(c => c.ChannelId, c => c.Name, StringComparer.Ordinal);
        var cards = await CardsAsync(scope, items, cancellationToken);
        var from = new DateTimeOffset(request.Period.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(request.Period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var table = await tables.GetAsync(ReflectionStore.TableName, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ahead = new Queue<(Task Reading, ChannelReader<ExportRow[]> Pages)>();
        var next = 0;
        try
        {
            while (next < cards.Count || ahead.Count > 0)
            {
                // The next cards are read while this one is written: storage round trips overlap, and each card holds at most two pages.
                while (next < cards.Count && ahead.Count < CardsAhead)
                {
                    var card = cards[next++];
                    var item = items[card.Item];
                    var channel = channels.GetValueOrDefault(card.ChannelId) ?? (card.ChannelId == scope.TeamId ? ChannelEntity.GeneralName : "unknown channel");
                    var pages = Channel.CreateBounded<ExportRow[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
                    ahead.Enqueue((ReadCardAsync(table, card, item.Id + " " + item.Title, channel, from, until, pages.Writer, stop.Token), pages.Reader));
                }

                var (_, reader) = ahead.Dequeue();
                await foreach (var page in reader.ReadAllAsync(cancellationToken))
                {
                    foreach (var row in page)
                    {
                        yield return row;
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var (reading, _) in ahead)
            {
                await reading;
            }
        }
    }

    /// <summary>
    /// One card's ratings, then its reflections in the period, page by page into <paramref name="pages"/> (which it completes,
    /// with the error if one came). Both come from one query of the card's partition: its participant rows (<c>p|</c>) sort
    /// before its reflections (<c>r|</c>), so every rating is known before the first reflection, and storage scans the
    /// partition once instead of twice (Azurite scans its whole table for every query page).
    /// </summary>
    private async Task ReadCardAsync(TableClient table, Card card, string itemName, string channel, DateTimeOffset from, DateTimeOffset until, ChannelWriter<ExportRow[]> pages, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var ratings = new Dictionary<string, int>(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {card.Key.Partition} and ((RowKey ge {ParticipantEntity.RowPrefix} and RowKey lt {"p}"}) or (RowKey ge {ReflectionEntity.RowPrefix} and RowKey lt {"r}"} and CreatedAt ge {from} and CreatedAt lt {until}))");
            await foreach (var page in table.QueryAsync<TableEntity>(filter, options.Value.PageSize, RowColumns, cancellationToken).AsPages())
            {
                var rows = new List<ExportRow>(page.Values.Count);
                foreach (var row in page.Values)
                {
                    if (row.RowKey.StartsWith(ParticipantEntity.RowPrefix, StringComparison.Ordinal))
                    {
                        if (row.GetInt32(nameof(ParticipantEntity.Rating)) is { } rating && row.GetString(nameof(ParticipantEntity.LearnerKey)) is { } learner)
                        {
                            ratings[learner] = rating;
                        }

                        continue;
                    }

                    var anonymous = row.GetBoolean(nameof(ReflectionEntity.Anonymous)) == true;
                    rows.Add(new ExportRow(
                        row.GetDateTimeOffset(nameof(ReflectionEntity.CreatedAt)) ?? from,
                        channel,
                        itemName,
                        card.Prompt,
                        row.GetString(nameof(ReflectionEntity.Text)) ?? string.Empty,
                        // An anonymous reflection carries no rating: the person's rating of the card could tie it to their named ones.
                        anonymous ? null : ratings.TryGetValue(row.GetString(nameof(ReflectionEntity.LearnerKey)) ?? string.Empty, out var r) ? r : null,
                        anonymous ? AnonymousAuthor : row.GetString(nameof(ReflectionEntity.AuthorName)) ?? "unnamed"));
                }

                if (rows.Count > 0)
                {
                    await pages.WriteAsync([.. rows], cancellationToken);
                }
            }

            pages.Complete();
        }
        catch (Exception e)
        {
            // The reader rethrows it where the rows are written; this task itself ends quietly.
            pages.Complete(e);
        }
    }

    private async Task<Dictionary<int, ContentItem>> ItemsAsync(string teamId, InsightsRequest request, CancellationToken cancellationToken)
    {
        if (request.Item is { } number)
        {
            return await content.GetAsync(teamId, number, cancellationToken) is { } one ? new() { [one.Number] = one } : [];
        }

        return (await content.ListAsync(teamId, request.Tag, includeArchived: true, cancellationToken)).ToDictionary(i => i.Number);
    }

    /// <summary>The cards of the items that the scope may see, in posting order (one small read per card).</summary>
    private async Task<List<Card>> CardsAsync(InsightsScope scope, Dictionary<int, ContentItem> items, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(ReflectionStore.TableName, cancellationToken);
        var pointers = new List<(int Item, ReflectionIndexEntity Row)>();
        foreach (var number in items.Keys)
        {
            pointers.AddRange((await index.ListItemAsync(scope.TeamId, number, cancellationToken)).Select(r => (number, r)));
        }

        var cards = new List<Card>(pointers.Count);
        foreach (var batch in pointers.DistinctBy(p => p.Row.RowKey).Chunk(ParallelCardReads))
        {
            var read = await Task.WhenAll(batch.Select(async p =>
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(p.Row.RowKey, ReflectionPostEntity.Row, CardColumns, cancellationToken);
                return row.HasValue && row.Value is { } post && post.GetString(nameof(ReflectionPostEntity.TeamId)) == scope.TeamId
                    ? new Card(
                        new PostKey(post.GetString(nameof(ReflectionPostEntity.ChannelId)) ?? p.Row.ChannelId, post.GetString(nameof(ReflectionPostEntity.ActivityId)) ?? p.Row.ActivityId),
                        p.Item,
                        post.GetString(nameof(ReflectionPostEntity.ChannelType)),
                        post.GetString(nameof(ReflectionPostEntity.Prompt)),
                        post.GetDateTimeOffset(nameof(ReflectionPostEntity.PostedAt)) ?? DateTimeOffset.MinValue)
                    : null;
            }));
            cards.AddRange(read.OfType<Card>());
        }

        // A channel any card knows to be private or shared is so for all its cards (as in insights).
        var privateChannels = cards.Where(c => InsightsSink.IsPrivate(c.ChannelType)).Select(c => c.ChannelId).ToHashSet(StringComparer.Ordinal);
        return [.. cards
            .Where(c => scope.Includes(c.ChannelId, privateChannels.Contains(c.ChannelId)))
            .OrderBy(c => c.PostedAt)
            .ThenBy(c => c.Key.Partition, StringComparer.Ordinal)];
    }

    private sealed record Card(PostKey Key, int Item, string? ChannelType, string? Prompt, DateTimeOffset PostedAt)
    {
        public string ChannelId => Key.ChannelId;
    }
}

/// <summary>One reflection as exported. <see cref="Author"/> is "anonymous" for an anonymous one, and then <see cref="Rating"/> is empty.</summary>
public sealed record ExportRow(DateTimeOffset When, string Channel, string Item, string? Prompt, string Text, int? Rating, string Author);
