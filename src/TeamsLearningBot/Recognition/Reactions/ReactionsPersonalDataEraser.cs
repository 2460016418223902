using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Recognition.Reactions;

/// <summary>
/// <c>forget me</c> for the reactions a person gave to reflections: their partition of the
/// Reactions table. What those reactions added to authors' counts stays, as numbers.
/// </summary>
public sealed class ReactionsPersonalDataEraser(ReactionStore reactions) : IPersonalDataEraser
{
    public string Category => "reactions to reflections";

    public Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return reactions.RemoveReactorAsync(subject.LearnerKey, cancellationToken);
    }
}
