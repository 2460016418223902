using System.Text.Json;
using Azure.Storage.Queues;
using TeamsLearningBot.Content;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// A queue message: post one occurrence of a drop to one channel. It carries everything the post
/// needs, as the scheduler saw it when it claimed the occurrence (the item, the team's address), so
/// a worker reads nothing before posting: at a thousand channels that halves the storage work.
/// </summary>
public sealed record DropJob
{
    public required string TeamId { get; init; }

    public required int DropNumber { get; init; }

    public required string OccurrenceId { get; init; }

    public required DateTimeOffset OccurrenceDueUtc { get; init; }

    public required string ChannelId { get; init; }

    public required string ChannelName { get; init; }

    public required int ContentNumber { get; init; }

    /// <summary>The item as it was when the occurrence was claimed.</summary>
    public required ContentItem Item { get; init; }

    /// <summary>Where the team's Connector is (the service URL of its latest activity).</summary>
    public required string ServiceUrl { get; init; }

    public required string TenantId { get; init; }

    public string? BotId { get; init; }

    public string? BotName { get; init; }

    public string? Prompt { get; init; }

    public int Collapsed { get; init; } = 1;

    public bool Anonymous { get; init; }

    public string ToMessage() => JsonSerializer.Serialize(this);

    public static DropJob? FromMessage(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<DropJob>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The Storage Queue <c>{prefix}-drops</c> that spreads posts over every instance's workers.</summary>
public sealed class DropJobMessages(QueueServiceClient service, StorageTables tables) : WorkMessages(service, tables, "drops")
{
    public Task EnqueueAsync(DropJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return SendAsync(job.ToMessage(), null, cancellationToken);
    }
}
