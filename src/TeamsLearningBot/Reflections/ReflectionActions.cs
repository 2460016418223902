using System.Globalization;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Share from the card, for both arrivals (invoke and Submit): check the inputs, record, and say
/// what happened. Problems are the learner's to fix, so they come back as a note on the card.
/// </summary>
public sealed class ReflectionActions(ReflectionRecorder recorder, ReflectionStore store, ReflectionPostOpener posts, LearnerKeys learners)
{
    public async Task<ShareOutcome> ShareAsync(Activity activity, CardInputs inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(inputs);
        var key = PostKey.OfCardAction(activity);
        var learnerKey = learners.KeyOf(activity);
        if (key is null || learnerKey is null || string.IsNullOrEmpty(activity.Id))
        {
            return new ShareOutcome(null, new CardNote("This card is not one I can take reflections on.", IsProblem: true));
        }

        var text = ReflectionText.Normalize(inputs.Text);
        var card = Drops.CardOrigin.Of(activity.TeamId, inputs.Drop, inputs.Occurrence, inputs.Item);
        var problem = Check(text, inputs.Rating, out var rating);
        if (problem is not null)
        {
            var post = await store.GetPostAsync(key, cancellationToken) ?? await posts.FindAndOpenAsync(key, card, cancellationToken);
            var kept = text.Length <= 2 * ReflectionText.MaxLength ? text : null;
            return new ShareOutcome(post, new CardNote(problem, IsProblem: true) { KeptText = kept, Anonymous = inputs.Anonymous });
        }

        var result = await recorder.RecordAsync(
            new ReflectionSubmission
            {
                Post = key,
                SourceId = activity.Id,
                Origin = ReflectionOrigin.Card,
                Text = text,
                Rating = rating,
                Anonymous = inputs.Anonymous,
                LearnerKey = learnerKey,
                AuthorId = activity.From?.Id,
                AuthorAadObjectId = activity.From?.AadObjectId,
                AuthorName = activity.From?.Name,
                TenantId = activity.TenantId,
                ServiceUrl = activity.ServiceUrl,
                ChannelType = activity.ChannelData?.Channel?.Type,
                Card = card,
            },
            cancellationToken);
        var thanks = text.Length > 0 ? "Thanks — your reflection is in the thread." : "Thanks — your rating is in.";
        return new ShareOutcome(result.Post, new CardNote(thanks) { Rating = result.Rating, Anonymous = inputs.Anonymous });
    }

    /// <summary>What is wrong with a submission, in words for the learner; null when it is fine.</summary>
    public static string? Check(string text, string? ratingText, out int? rating)
    {
        ArgumentNullException.ThrowIfNull(text);
        rating = null;
        if (!string.IsNullOrWhiteSpace(ratingText))
        {
            if (!int.TryParse(ratingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 5)
            {
                return "Choose how relevant this was from 1 to 5.";
            }

            rating = value;
        }

        if (text.Length > ReflectionText.MaxLength)
        {
            return $"Your reflection is {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; the limit is {ReflectionText.MaxLength.ToString("N0", CultureInfo.InvariantCulture)}. Shorten it and share again.";
        }

        return text.Length == 0 && rating is null
            ? "Write a reflection or choose how relevant this was, then select Share."
            : null;
    }
}

/// <summary>The card after a Share, and the note for the person who shared. No card: not a drop's card.</summary>
public sealed record ShareOutcome(ReflectionPostEntity? Post, CardNote Note);
