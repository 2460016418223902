using System.Text.RegularExpressions;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// The learner events a recorded submission publishes for recognition: <see cref="LearnerEventKind.Reflected"/>
/// for a text reflection and <see cref="LearnerEventKind.Rated"/> for a learner's first rating of a card.
/// Their ids come from the card's partition and the source activity (or the learner), so a
/// redelivered activity publishes the same events again and the sinks count them once.
/// <see cref="LearnerEvent.SubjectId"/> names the card (its partition).
/// </summary>
public static partial class ReflectionEvents
{
    public static IEnumerable<LearnerEvent> Of(ReflectionSubmission submission, RecordResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Post is not { } post || result.Status is not (RecordStatus.Recorded or RecordStatus.Duplicate or RecordStatus.Unchanged))
        {
            yield break;
        }

        var learner = submission.AuthorId is { } id ? new LearnerIdentity(id, submission.AuthorAadObjectId, submission.AuthorName) : null;
        var place = (post.ServiceUrl ?? submission.ServiceUrl) is { } serviceUrl && post.ThreadConversationId.Length > 0
            ? new EventPlace(serviceUrl, post.ThreadConversationId)
            : null;
        var tags = ReflectionEvents.TagsOf(post.ItemJson);
        var channelType = submission.ChannelType ?? post.ChannelType;
        if (result.Reflection is { } reflection && result.Status is RecordStatus.Recorded or RecordStatus.Duplicate)
        {
            yield return new LearnerEvent
            {
                Kind = LearnerEventKind.Reflected,
                EventId = $"reflected|{post.PartitionKey}|{reflection.SourceId}",
                TenantId = submission.TenantId ?? string.Empty,
                TeamId = post.TeamId,
                LearnerKey = reflection.LearnerKey,
                Learner = learner,
                At = reflection.CreatedAt,
                Anonymous = reflection.Anonymous,
                Place = place,
                SubjectId = post.PartitionKey,
                Words = Words(reflection.Text),
                SharesResource = SharesLink(reflection.Text),
                PostedAt = post.PostedAt,
                ItemNumber = post.ContentNumber,
                Tags = tags,
                ChannelId = post.ChannelId,
                ChannelType = channelType,
                Text = reflection.Text,
                SourceId = reflection.SourceId,
                TeamIndexing = result.TeamIndexing,
            };
        }

        // Only a first rating is a new fact; a redelivery (duplicate or unchanged) repeats it in case the first delivery stopped before publishing.
        // A changed rating is its own event (the submission's id keeps it stable under redelivery).
        var first = result.FirstRating || result.Status is RecordStatus.Duplicate or RecordStatus.Unchanged;
        if (result.Rating is not null && (first || result.Status == RecordStatus.Recorded))
        {
            yield return new LearnerEvent
            {
                Kind = first ? LearnerEventKind.Rated : LearnerEventKind.RatingChanged,
                EventId = first ? $"rated|{post.PartitionKey}|{submission.LearnerKey}" : $"rating-changed|{post.PartitionKey}|{submission.LearnerKey}|{submission.SourceId}",
                TenantId = submission.TenantId ?? string.Empty,
                TeamId = post.TeamId,
                LearnerKey = submission.LearnerKey,
                Learner = learner,
                At = now,
                Anonymous = submission.Origin == ReflectionOrigin.Card && submission.Anonymous && post.AnonymousAllowed,
                Place = place,
                SubjectId = post.PartitionKey,
                PostedAt = post.PostedAt,
                ItemNumber = post.ContentNumber,
                Tags = tags,
                ChannelId = post.ChannelId,
                ChannelType = channelType,
                Rating = result.Rating,
                TeamIndexing = result.TeamIndexing,
            };
        }
    }

    /// <summary>The tags of the item as posted (the card's snapshot), or none when the snapshot has none.</summary>
    public static IReadOnlyList<string> TagsOf(string itemJson)
    {
        if (string.IsNullOrEmpty(itemJson))
        {
            return [];
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(itemJson);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("Tags") || property.NameEquals("tags"))
                {
                    return property.Value.ValueKind == System.Text.Json.JsonValueKind.Array
                        ? [.. property.Value.EnumerateArray().Where(t => t.ValueKind == System.Text.Json.JsonValueKind.String).Select(t => t.GetString()!)]
                        : [];
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return [];
    }

    public static int Words(string text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>A link written out in the text (http or https).</summary>
    public static bool SharesLink(string text) => !string.IsNullOrEmpty(text) && Link().IsMatch(text);

    [GeneratedRegex(@"\bhttps?://[^\s/$.?#][^\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
