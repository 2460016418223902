using System.Text.Json;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// Removes a forgotten suggester's credit from the cards already posted with their item: each
/// posted card keeps a copy of the item to be redrawn from, and that copy names the suggester.
/// The item's cards are found through the reflections' item index, not by a scan.
/// </summary>
public sealed class SuggestionCredits(ReflectionIndex index, ReflectionStore reflections)
{
    private const int MaxConflicts = 20;

    /// <summary>Returns how many posted cards no longer credit <paramref name="userId"/>.</summary>
    public async Task<int> ForgetAsync(string teamId, int itemNumber, string userId, CancellationToken cancellationToken)
    {
        var scrubbed = 0;
        foreach (var row in await index.ListItemAsync(teamId, itemNumber, cancellationToken))
        {
            for (var attempt = 0; attempt < MaxConflicts; attempt++)
            {
                var post = await reflections.GetPostAsync(row.Post, cancellationToken);
                var item = post is null ? null : ReflectionPostOpener.ItemOf(post);
                if (post is null || item!.SuggestedById != userId)
                {
                    break;
                }

                var uncredited = item with { SuggestedById = null, SuggestedByName = null };
                if (await reflections.TryReplacePostAsync(post with { ItemJson = JsonSerializer.Serialize(uncredited) }, cancellationToken) is not null)
                {
                    scrubbed++;
                    break;
                }
            }
        }

        return scrubbed;
    }
}
