using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Content;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Bench.Export;

/// <summary>
/// A team with <c>items</c> items, each posted as <c>cards / items</c> cards, and the reflections
/// spread over the cards, written straight to storage in the app's own row shapes (card rows and
/// their item index, participant rows with ratings, reflection rows) in 100-row transactions of
/// one partition each: the bot's path would take most of an hour for 100,000 on Azurite. Upserts, so
/// that the storage client sending a transaction again after a timeout on a loaded machine (when the
/// first one went through) does not fail the run.
/// </summary>
internal sealed class Seeder(IServiceProvider services, int reflections, int cards, int items, int participants)
{
    public const string TeamId = "19:bench0export0team0000000000000000@thread.tacv2";
    public const string ChannelId = TeamId;
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string FacilitatorAad = "00000000-0000-4000-8000-00000000fac1";

    private static readonly string[] Openings =
    [
        "I'll try this in my next 1:1, especially the part about asking first",
        "We did something like it in the retro, and \"it worked\" better than expected",
        "Not sure it fits our team: we're remote, spread over 3 time zones",
        "=SUM(A1:A9) is what my manager would say, but the real gain is trust",
        "Grüße aus Köln: the example with the customer call was spot on",
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var teams = services.GetRequiredService<TeamStore>();
        await teams.RecordInstallAsync(new TeamInstall(TeamId, "Bench Team", null, TenantId, "https://smba.example.invalid/emea/", null, null), cancellationToken);
        await teams.AddFacilitatorAsync(TeamId, new ChannelAccount { Id = "29:bench-facilitator", Name = "Bench Facilitator", AadObjectId = FacilitatorAad }, null, cancellationToken);
        await teams.SaveChannelAsync(TeamId, ChannelId, "General", cancellationToken);
        var content = services.GetRequiredService<ContentStore>();
        var library = new List<ContentItem>();
        for (var i = 0; i < items; i++)
        {
            library.Add(await content.AddAsync(
                new ContentItem
                {
                    TeamId = TeamId,
                    Number = 0,
                    Title = $"Bench item {i + 1}: working out loud, part {i + 1}",
                    Url = new Uri($"https://example.org/bench/{i + 1}"),
                    Tags = [i % 2 == 0 ? "feedback" : "sales"],
                    Prompts = ["What would you try first, and with whom?"],
                },
                cancellationToken));
        }

        var store = services.GetRequiredService<ReflectionStore>();
        var index = services.GetRequiredService<ReflectionIndex>();
        var table = await services.GetRequiredService<StorageTables>().GetAsync(ReflectionStore.TableName, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var perCard = reflections / cards;
        var work = new List<Func<Task>>();
        for (var c = 0; c < cards; c++)
        {
            var item = library[c % items];
            var key = CardKey(c);
            var postedAt = now.AddDays(-90).AddHours(c);
            await store.OpenAsync(
                new ReflectionPostEntity
                {
                    TeamId = TeamId,
                    ChannelId = key.ChannelId,
                    ActivityId = key.RootActivityId,
                    ThreadConversationId = key.ThreadConversationId,
                    ContentNumber = item.Number,
                    Prompt = item.Prompts[0],
                    PostedAt = postedAt,
                    ChannelType = "standard",
                    AnonymousAllowed = true,
                    Indexed = true,
                },
                cancellationToken);
            await index.AddPostAsync(TeamId, item.Number, postedAt, key, cancellationToken);
            var card = c;
            var rows = Enumerable.Range(0, participants).Select(p => (ITableEntity)new ParticipantEntity
            {
                PartitionKey = key.Partition,
                RowKey = ParticipantEntity.Row(Learner(p)),
                LearnerKey = Learner(p),
                Rating = 1 + ((p + card) % 5),
                RatedAt = postedAt,
                Reflections = 1,
            }).Concat(Enumerable.Range(0, perCard).Select(r => (ITableEntity)new ReflectionEntity
            {
                PartitionKey = key.Partition,
                RowKey = ReflectionEntity.Row($"f:{card:D4}{r:D6}"),
                SourceId = $"f:{card:D4}{r:D6}",
                Text = $"{Openings[r % Openings.Length]}. Reflection {r} on card {card}, with a comma, and a second sentence to reach a typical length of a couple of hundred characters.",
                Anonymous = r % 7 == 0,
                AuthorId = r % 7 == 0 ? null : $"29:bench-learner-{r % participants}",
                AuthorName = r % 7 == 0 ? null : $"Learner {r % participants}",
                LearnerKey = Learner(r % participants),
                TeamId = TeamId,
                ContentNumber = item.Number,
                CreatedAt = postedAt.AddMinutes(r % (60 * 24 * 80)),
                Echoed = true,
            })).ToList();
            work.AddRange(rows.Chunk(100).Select(chunk => (Func<Task>)(() => table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken))));
        }

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (write, _) => await write());
    }

    /// <summary>The <paramref name="card"/>th card's key (its partition).</summary>
    public static PostKey CardKey(int card) => new(ChannelId, (1764000000000L + card).ToString(CultureInfo.InvariantCulture));

    private static string Learner(int n) => "bench-learner-key-" + n.ToString("D5", CultureInfo.InvariantCulture);
}
