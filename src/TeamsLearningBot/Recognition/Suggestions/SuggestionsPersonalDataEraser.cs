using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// Forgets a person's suggestions (pending or decided) and their name on decisions they made.
/// An approved item stays in the library; the content eraser removes the suggester's name from it.
/// </summary>
public sealed class SuggestionsPersonalDataEraser(SuggestionStore store) : IPersonalDataEraser
{
    public string Category => "suggestions";

    public Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return store.EraseAsync(subject.LearnerKey, cancellationToken);
    }
}
