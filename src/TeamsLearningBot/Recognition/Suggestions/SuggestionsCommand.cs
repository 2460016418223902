using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary><c>suggestions</c>: the team's pending suggestions, oldest first, each with Approve and Reject.</summary>
public sealed class SuggestionsCommand(SuggestionStore store) : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = await store.ListPendingAsync(context.Activity.TeamId!, cancellationToken);
        if (pending.Count == 0)
        {
            await context.Turn.ReplyAsync("No suggestions are waiting. Learners suggest content with `suggest <link> <why it helps>`.", cancellationToken);
            return;
        }

        await context.Turn.ReplyAsync(Fit(pending), cancellationToken);
    }

    // Each entry carries a whole form: fewer entries when long reasons would overflow a message.
    private static Attachment Fit(IReadOnlyList<SuggestionEntity> pending)
    {
        for (var shown = Math.Min(pending.Count, SuggestionLimits.Listed); shown > 1; shown--)
        {
            try
            {
                return SuggestionCards.Pending([.. pending.Take(shown)], pending.Count);
            }
            catch (CardTooLargeException)
            {
                // One fewer, then.
            }
        }

        return SuggestionCards.Pending([pending[0]], pending.Count);
    }
}
