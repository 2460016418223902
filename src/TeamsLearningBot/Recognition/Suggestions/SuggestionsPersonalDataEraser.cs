using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// Forgets a person's suggestions (pending or decided), their name on decisions they made, and
/// their credit on cards already posted with an item they suggested. The approved item stays in
/// the library; the content eraser removes the "suggested by" from the item itself.
/// </summary>
public sealed class SuggestionsPersonalDataEraser(SuggestionStore store, SuggestionCredits credits) : IPersonalDataEraser
{
    public string Category => "suggestions";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var involving = await store.ListInvolvingAsync(subject.LearnerKey, cancellationToken);
        foreach (var approved in involving.Where(s => s.SuggesterKey == subject.LearnerKey && s.ItemNumber is not null))
        {
            await credits.ForgetAsync(approved.TeamId, approved.ItemNumber!.Value, subject.UserId, cancellationToken);
        }

        return await store.EraseAsync(subject.LearnerKey, involving, cancellationToken);
    }
}
