using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// The card's Universal Actions (<c>adaptiveCard/action</c>): Share, Show reflections, More and
/// Back. Each answers at once with a card for the person who acted; what everyone sees (the
/// thread message, the footer) follows through the card refresher.
/// </summary>
public sealed partial class ReflectionActionHandler(
    ReflectionActions actions,
    ReflectionStore store,
    ReflectionPostOpener posts,
    ReflectionListing listing,
    ILogger<ReflectionActionHandler> logger) : IActivityHandler
{
    public const string InvokeName = "adaptiveCard/action";

    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.IsInvoke && activity.Name == InvokeName && ReflectionVerbs.IsReflectionVerb(CardInputs.VerbOf(activity));
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var inputs = CardInputs.FromInvoke(activity)!;
        LogAction(logger, inputs.Verb ?? string.Empty);
        switch (inputs.Verb)
        {
            case ReflectionVerbs.Reflect:
                var shared = await actions.ShareAsync(activity, inputs, cancellationToken);
                return shared.Post is null
                    ? CardActionResponses.Error(400, "BadRequest", shared.Note.Message)
                    : CardActionResponses.Card(ReflectionCard.Build(ReflectionCard.ModelOf(shared.Post), shared.Post.Totals, shared.Note));

            case ReflectionVerbs.Show when activity.TeamId is { } teamId && inputs.Item is { } item:
                var page = await listing.GetPageAsync(teamId, item, inputs.Page, ReflectionsCommand.Viewer(activity), cancellationToken);
                return CardActionResponses.Card(ReflectionListCard.Build(page, inputs.Drop ?? string.Empty, offerBack: inputs.OnCard));

            case ReflectionVerbs.Back when PostKey.OfCardAction(activity) is { } key:
                var post = await store.GetPostAsync(key, cancellationToken)
                    ?? await posts.FindAndOpenAsync(key, Drops.CardOrigin.Of(activity.TeamId, inputs.Drop, inputs.Occurrence, inputs.Item), cancellationToken);
                return post is null
                    ? CardActionResponses.Error(400, "BadRequest", "This card is not one I can take reflections on.")
                    : CardActionResponses.Card(ReflectionCard.Build(ReflectionCard.ModelOf(post), post.Totals));

            default:
                return CardActionResponses.Error(400, "BadRequest", "This action is missing what it needs (a team and an item).");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Card action {Verb}")]
    private static partial void LogAction(ILogger logger, string verb);
}
