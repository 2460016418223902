using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Privacy;

/// <summary><c>forget me</c>: asks for confirmation first; the confirmation's submit does the erasing.</summary>
public sealed class ForgetMeCommand : ICommandHandler
{
    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var card = new AdaptiveCard()
            .Add(CardElement.Text("Forget me?", TextStyle.Title))
            .Add(CardElement.Text("This deletes, in every team of your organisation: your reflections (named and anonymous), your relevance ratings, kudos you gave and received, your badges, your suggestions, your leaderboard points and your profile. Content you added or suggested to a library stays, without your name. This cannot be undone."))
            .AddAction(CardAction.Submit("Yes, forget me", new ForgetMeSubmit(ForgetMeSubmit.ConfirmVerb)));
        await context.Turn.ReplyAsync(card.ToAttachment(), cancellationToken);
    }
}
