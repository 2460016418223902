using System.Text.Json.Nodes;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Tab.Export;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Insights;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Export;

/// <summary>
/// What the export tests share on top of <see cref="InsightsHost"/> (a team, its posted card of
/// item C1 tagged "feedback", a facilitator): a channel name, cards of other items, and the export
/// read back as CSV cells.
/// </summary>
internal static class ExportHost
{
    public const string ChannelName = "Feedback, \"corner\"";
    public const string BaseUrl = "https://bot.example.org";

    public static async Task<ReflectionsHost> StartAsync(AzuriteFixture azurite, Action<BotApplicationFactory>? configure = null)
    {
        var host = await InsightsHost.StartAsync(azurite, members: 6, anonymous: true, app =>
        {
            app.WithSetting("Export:PublicBaseUrl", BaseUrl);
            configure?.Invoke(app);
        });
        await host.Get<TeamStore>().SaveChannelAsync(ReflectionsHost.TeamId, ReflectionsHost.ChannelId, ChannelName, TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>Posts a card of <paramref name="item"/> in <paramref name="channelId"/>, opened for reflections as a drop opens it.</summary>
    public static async Task<PostKey> PostCardAsync(ReflectionsHost host, ContentItem item, string channelId, string rootId)
    {
        var post = new DropPost
        {
            ChannelId = channelId,
            ActivityId = rootId,
            ThreadConversationId = channelId + ";messageid=" + rootId,
            TeamId = ReflectionsHost.TeamId,
            DropNumber = 7,
            OccurrenceId = "20261201T090000Z",
            ContentNumber = item.Number,
            Prompt = item.Prompts[0],
            Anonymous = true,
            PostedAt = DateTimeOffset.UtcNow,
        };
        await host.Get<ReflectionPostOpener>().OpenAsync(post, item, host.Teams.ServiceUrl, TestContext.Current.CancellationToken);
        return new PostKey(channelId, rootId);
    }

    /// <summary>A share from a card in a channel of the given type (Teams tells the type in channelData).</summary>
    public static JsonObject In(PostKey card, string? type, JsonObject activity)
    {
        var moved = ReflectionsHost.On(card, activity);
        if (type is not null)
        {
            moved["channelData"]!["channel"]!["type"] = type;
        }

        return moved;
    }

    /// <summary>The export's records (header first) for the team's standard channels, or one private channel.</summary>
    public static async Task<List<string[]>> ExportAsync(ReflectionsHost host, string arguments = "since 2020-01-01", string? privateChannel = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.True(InsightsRequest.TryParse(arguments, today, 28, out var request, out var error), error);
        var rows = host.Get<ReflectionExport>().RowsAsync(new InsightsScope(ReflectionsHost.TeamId, privateChannel), request, TestContext.Current.CancellationToken);
        return Csv.Parse(await Csv.WriteAsync(rows));
    }

    /// <summary>What storage holds for a card's reflections, as the export should show them (formula cells neutralised).</summary>
    public static async Task<List<string[]>> StoredAsync(ReflectionsHost host, PostKey card, string item, string? prompt)
    {
        var store = host.Get<ReflectionStore>();
        var ratings = (await store.ListParticipantsAsync(card, TestContext.Current.CancellationToken)).ToDictionary(p => p.LearnerKey, p => p.Rating);
        return [.. (await store.ListReflectionsAsync(card, null, TestContext.Current.CancellationToken)).Select(r => new[]
        {
            r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ChannelName,
            item,
            prompt ?? string.Empty,
            Safe(r.Text),
            r.Anonymous ? string.Empty : ratings.GetValueOrDefault(r.LearnerKey)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            r.Anonymous ? "anonymous" : r.AuthorName!,
        })];
    }

    private static string Safe(string text) => text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
}
