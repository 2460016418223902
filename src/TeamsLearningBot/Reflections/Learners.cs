using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Reflections;

/// <summary>The one-way learner key of an activity's sender, as <c>forget me</c> computes it too.</summary>
public sealed class Learners(LearnerKeys keys)
{
    public string? KeyOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var id = activity.From?.AadObjectId ?? activity.From?.Id;
        return string.IsNullOrEmpty(id) ? null : keys.For(activity.TenantId ?? string.Empty, id);
    }
}
