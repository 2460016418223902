using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// <c>forget me</c> for kudos, given and received, through the person's own partitions — no scan.
/// <list type="bullet">
/// <item>Kudos they gave: deleted with their day counter and their index rows, and the
/// bot's card in the channel or chat is deleted (it shows their name and their words). Receivers
/// keep what the kudos added to their badges, as counts.</item>
/// <item>Kudos they received: the giver's record stays (it is the giver's history and what their
/// daily limit counted) but no longer names them; the bot's card is updated to leave them out,
/// or deleted when they were its only receiver, and then the giver's reason goes too, since
/// those words were about them.</item>
/// </list>
/// </summary>
public sealed partial class KudosPersonalDataEraser(
    KudosStore store,
    IServiceScopeFactory scopes,
    ILogger<KudosPersonalDataEraser> logger) : IPersonalDataEraser
{
    private const int MaxConflicts = 20;

    public string Category => "kudos given and received";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);

        // A scope per use: the Connector is a typed HttpClient, not to be held by a singleton.
        await using var scope = scopes.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectorClient>();
        var erased = await EraseGivenAsync(subject.LearnerKey, connector, cancellationToken);
        erased += await EraseReceivedAsync(subject.LearnerKey, connector, cancellationToken);
        LogErased(logger, erased);
        return erased;
    }

    private async Task<int> EraseGivenAsync(string giverKey, ConnectorClient connector, CancellationToken cancellationToken)
    {
        var rows = await store.ListGiverRowsAsync(giverKey, cancellationToken);
        var given = rows.Where(r => r.RowKey.StartsWith(KudosEntity.RowPrefix, StringComparison.Ordinal)).Select(TableRows.As<KudosEntity>).ToList();
        await store.DeleteRowsAsync(given.SelectMany(KudosStore.IndexRows), cancellationToken);
        foreach (var kudos in given)
        {
            await RemoveCardAsync(connector, kudos, null, cancellationToken);
        }

        await store.DeleteRowsAsync(rows, cancellationToken);
        return given.Count;
    }

    private async Task<int> EraseReceivedAsync(string receiverKey, ConnectorClient connector, CancellationToken cancellationToken)
    {
        var received = await store.ListReceivedAsync(receiverKey, cancellationToken);
        var erased = 0;
        foreach (var entry in received)
        {
            for (var attempt = 0; attempt < MaxConflicts; attempt++)
            {
                var kudos = await store.GetAsync(entry.GiverKey, entry.ActivityId, cancellationToken);
                var remaining = kudos?.ReceiverList.Where(r => r.Key != receiverKey).ToList();
                if (kudos is null || remaining!.Count == kudos.ReceiverList.Count)
                {
                    break;
                }

                var next = kudos with { ReceiverList = remaining, Reason = remaining.Count == 0 ? null : kudos.Reason };
                if (await store.TryReplaceAsync(next, cancellationToken))
                {
                    erased++;
                    await RemoveCardAsync(connector, kudos, remaining, cancellationToken);
                    break;
                }
            }
        }

        await store.DeleteRowsAsync(received, cancellationToken);
        return erased;
    }

    /// <summary>Deletes the kudos card, or shows it again with only <paramref name="remaining"/> receivers.</summary>
    private async Task RemoveCardAsync(ConnectorClient connector, KudosEntity kudos, IReadOnlyList<KudosPerson>? remaining, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(kudos.CardActivityId) || string.IsNullOrEmpty(kudos.ServiceUrl))
        {
            return;
        }

        try
        {
            if (remaining is { Count: > 0 })
            {
                var card = new Activity
                {
                    Type = ActivityTypes.Message,
                    Summary = KudosCard.Summary(kudos.GiverName, remaining),
                    Attachments = [KudosCard.Build(kudos.GiverName, remaining, kudos.Reason ?? string.Empty)],
                };
                await connector.UpdateActivityAsync(kudos.ServiceUrl, kudos.ConversationId, kudos.CardActivityId, card, cancellationToken);
            }
            else
            {
                await connector.DeleteActivityAsync(kudos.ServiceUrl, kudos.ConversationId, kudos.CardActivityId, cancellationToken);
            }
        }
        catch (Exception e) when (ConnectorFailures.IsFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            // The stored copy is gone either way; a message Teams would not change is reported, not retried.
            LogCardNotChanged(logger, ConnectorFailures.Describe(e));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forget me: erased {Count} kudos")]
    private static partial void LogErased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forget me: a kudos card could not be changed ({Error})")]
    private static partial void LogCardNotChanged(ILogger logger, string error);
}
