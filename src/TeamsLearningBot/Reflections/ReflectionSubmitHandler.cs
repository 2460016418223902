using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// The same actions from clients without Universal Actions: Teams sends the fallback
/// <c>Action.Submit</c> as a message whose <c>value</c> holds the verb and the inputs. There is no
/// private answer to a Submit, so a problem is said in the thread without naming anyone.
/// </summary>
public sealed class ReflectionSubmitHandler(ReflectionActions actions, ReflectionListing listing) : IActivityHandler
{
    public static bool Selects(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Message
            && activity.Value is { ValueKind: JsonValueKind.Object }
            && CardInputs.FromSubmit(activity)?.Verb is ReflectionVerbs.Reflect or ReflectionVerbs.Show;
    }

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var inputs = CardInputs.FromSubmit(activity)!;
        if (inputs.Verb == ReflectionVerbs.Show)
        {
            if (activity.TeamId is { } teamId && inputs.Item is { } item)
            {
                var page = await listing.GetPageAsync(teamId, item, inputs.Page, ReflectionsCommand.Viewer(activity), cancellationToken);
                await ThreadNotice.SendAsync(turn, ReflectionListCard.Build(page, inputs.Drop ?? string.Empty, offerBack: false).ToAttachment(), cancellationToken);
            }

            return null;
        }

        var shared = await actions.ShareAsync(activity, inputs, cancellationToken);
        if (shared.Note.IsProblem)
        {
            await ThreadNotice.SendAsync(turn, shared.Note.Message, cancellationToken);
        }

        return null;
    }
}
