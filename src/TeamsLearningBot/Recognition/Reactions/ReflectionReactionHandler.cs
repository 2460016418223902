using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Reactions;

/// <summary>
/// A reaction added to or removed from a reflection counts for (or is taken back from) the
/// reflection's author: on the bot's "X reflected: …" message in a drop's thread, or on a learner's
/// own reply there that is stored as a reflection. The author's own reactions do not count, an
/// anonymous reflection's author is never named, and reactions on anything else are ignored.
/// <para>
/// Teams names only the message reacted to (<c>replyToId</c>). A reply in a thread is found by a
/// point read when the conversation id names the thread (<c>{channel};messageid={root}</c>), as it
/// does for messages in threads; the bot's own messages are found through
/// <see cref="ReflectionMessages"/>, with or without the thread.
/// </para>
/// </summary>
public sealed partial class ReflectionReactionHandler(
    ReflectionMessages messages,
    ReflectionStore reflections,
    ReactionStore reactions,
    LearnerKeys learners,
    LearnerEvents events,
    TimeProvider time,
    ILogger<ReflectionReactionHandler> logger) : IActivityHandler
{
    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.MessageReaction
            && activity.ChannelConversationId is not null
            && !string.IsNullOrEmpty(activity.ReplyToId)
            && !string.IsNullOrEmpty(activity.Id)
            && (activity.ReactionsAdded is { Count: > 0 } || activity.ReactionsRemoved is { Count: > 0 });
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var reactorKey = learners.KeyOf(activity);
        if (reactorKey is null || activity.From?.Id?.StartsWith("28:", StringComparison.Ordinal) == true)
        {
            return null;
        }

        var found = await FindAsync(activity.ChannelConversationId!, activity.ReplyToId!, activity.ThreadRootId, cancellationToken);
        if (found.Count == 0)
        {
            LogNotAReflection(logger);
            return null;
        }

        foreach (var (post, reflection) in found)
        {
            if (reflection.LearnerKey == reactorKey)
            {
                LogOwnReaction(logger);
                continue;
            }

            foreach (var type in (activity.ReactionsAdded ?? []).Select(r => r.Type).Distinct(StringComparer.Ordinal))
            {
                await CountAsync(activity, reactorKey, post, reflection, type, +1, cancellationToken);
            }

            foreach (var type in (activity.ReactionsRemoved ?? []).Select(r => r.Type).Distinct(StringComparer.Ordinal))
            {
                await CountAsync(activity, reactorKey, post, reflection, type, -1, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>The reflections behind a message: the reply itself, or those the bot's message carries.</summary>
    private async Task<IReadOnlyList<(PostKey Post, ReflectionEntity Reflection)>> FindAsync(string channelId, string messageId, string? rootId, CancellationToken cancellationToken)
    {
        if (rootId is not null && rootId != messageId)
        {
            var thread = new PostKey(channelId, rootId);
            var snapshot = await reflections.ReadAsync(thread, null, messageId, cancellationToken);
            if (snapshot.Reflection is { } reply)
            {
                return [(thread, reply)];
            }

            if (snapshot.Post is null)
            {
                // Not a drop's thread: the bot posted no reflections there either.
                return [];
            }
        }

        var found = new List<(PostKey, ReflectionEntity)>();
        foreach (var row in await messages.FindAsync(channelId, messageId, cancellationToken))
        {
            var snapshot = await reflections.ReadAsync(row.Post, null, row.SourceId, cancellationToken);
            if (snapshot.Reflection is { } reflection)
            {
                found.Add((row.Post, reflection));
            }
            else
            {
                await messages.RemoveAsync(row, cancellationToken);
            }
        }

        return found;
    }

    private async Task CountAsync(Activity activity, string reactorKey, PostKey post, ReflectionEntity reflection, string type, int delta, CancellationToken cancellationToken)
    {
        var subject = ReflectionMessages.SubjectId(post, reflection.SourceId);
        var counted = await reactions.IsCountedAsync(reactorKey, subject, type, cancellationToken);
        if (counted == delta > 0)
        {
            // Added twice, or removed without having been counted: nothing changes for the author.
            return;
        }

        var anonymous = reflection.Anonymous;
        await events.PublishAsync(
            new LearnerEvent
            {
                Kind = LearnerEventKind.ReactionReceived,
                EventId = EventIds.Of("reaction", activity.Id!, reactorKey, type, subject),
                TenantId = activity.TenantId ?? string.Empty,
                TeamId = string.IsNullOrEmpty(reflection.TeamId) ? activity.TeamId ?? string.Empty : reflection.TeamId,
                LearnerKey = reflection.LearnerKey,
                Learner = anonymous || reflection.AuthorId is null ? null : new LearnerIdentity(reflection.AuthorId, null, reflection.AuthorName),
                Anonymous = anonymous,

                // No place to congratulate in for an anonymous author: any word there would point at them.
                Place = anonymous || activity.ServiceUrl is null ? null : new EventPlace(activity.ServiceUrl, post.ThreadConversationId),
                At = activity.Timestamp ?? time.GetUtcNow(),
                Delta = delta,
                SubjectId = subject,
                ItemNumber = reflection.ContentNumber > 0 ? reflection.ContentNumber : null,
                ChannelId = post.ChannelId,
                ChannelType = activity.ChannelData?.Channel?.Type,
            },
            cancellationToken);

        // After the event: should this fail, the redelivery publishes the same event again (counted once) and records it.
        if (delta > 0)
        {
            await reactions.MarkCountedAsync(reactorKey, subject, type, cancellationToken);
        }
        else
        {
            await reactions.UnmarkAsync(reactorKey, subject, type, cancellationToken);
        }

        LogCounted(logger, delta);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A reaction on a message that carries no reflection; ignored")]
    private static partial void LogNotAReflection(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A reaction by a reflection's own author; not counted")]
    private static partial void LogOwnReaction(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A reaction on a reflection counted ({Delta})")]
    private static partial void LogCounted(ILogger logger, int delta);
}
