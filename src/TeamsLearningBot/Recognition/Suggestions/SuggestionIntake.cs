using TeamsLearningBot.Cards;
using TeamsLearningBot.Chats;
using TeamsLearningBot.Content;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// Takes a learner's suggestion: checks it against the library and the pending ones, stores it,
/// sends each of the team's facilitators a decision card in their 1:1 chat, and thanks the learner.
/// <para>
/// Facilitators get the card privately rather than in the channel: a decision, and above all a
/// refusal with its note, is between them and the learner, and a private card cannot be pressed by
/// anyone else. Every step is recorded on the suggestion, so a redelivered message finishes what
/// the first delivery started and sends nothing twice.
/// </para>
/// </summary>
public sealed partial class SuggestionIntake(
    SuggestionStore store,
    ContentStore content,
    TeamStore teams,
    FacilitatorPolicy facilitators,
    PersonalMessenger messenger,
    LearnerKeys learners,
    TimeProvider time,
    ILogger<SuggestionIntake> logger)
{
    public async Task SuggestAsync(TurnContext turn, TeamEntity team, SuggestionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(request);
        var activity = turn.Activity;
        if (await facilitators.IsFacilitatorAsync(team.TeamId, activity.From, cancellationToken))
        {
            await turn.ReplyAsync(
                $"You're a facilitator of {TeamName(team)}, so you can add it to the library yourself: `content add` in one of the team's channels. Suggestions are how everyone else brings content in.",
                cancellationToken);
            return;
        }

        if (await content.FindByUrlAsync(team.TeamId, request.Url, cancellationToken) is { } item)
        {
            var archived = item.Status == ContentStatus.Archived ? ", archived for now" : string.Empty;
            await turn.ReplyAsync(
                $"Great minds — that link is already in the library as {item.Id} \u201C{ContentValidator.Echo(item.Title)}\u201D{archived}. See it with `content show {item.Id}`.",
                cancellationToken);
            return;
        }

        var key = learners.KeyOf(activity);
        if (key is null || activity.From?.Id is not { } userId || activity.Id is not { } activityId)
        {
            return;
        }

        // Indexed first: whatever happens next, forget me can find what gets stored.
        await store.IndexPersonAsync(key, team.TeamId, cancellationToken);
        var result = await store.SubmitAsync(
            new SuggestionEntity
            {
                TeamId = team.TeamId,
                TenantId = team.TenantId,
                ServiceUrl = turn.ServiceUrl,
                ConversationId = activity.Conversation?.Id ?? string.Empty,
                ChannelId = activity.ChannelConversationId,
                SourceActivityId = activityId,
                SuggesterKey = key,
                SuggesterId = userId,
                SuggesterAadObjectId = activity.From.AadObjectId,
                SuggesterName = activity.From.Name,
                Url = request.Url.AbsoluteUri,
                Why = request.Why,
                SuggestedAt = time.GetUtcNow(),
            },
            cancellationToken);

        var suggestion = result.Suggestion;
        if (result.Outcome == SubmitOutcome.AlreadyPending)
        {
            await turn.ReplyAsync(
                suggestion.SuggesterKey == key
                    ? $"You already suggested that link ({suggestion.Id}); it's waiting for the facilitators. I'll tell you what they decide."
                    : $"Someone already suggested that link ({suggestion.Id}) and it's waiting for the facilitators' decision. Thanks for spotting it too!",
                cancellationToken);
            return;
        }

        if (result.Outcome == SubmitOutcome.Stored)
        {
            LogStored(logger, suggestion.Number);
        }

        if (!suggestion.FacilitatorsNotified)
        {
            suggestion = await NotifyFacilitatorsAsync(turn, team, suggestion, cancellationToken);
        }

        if (!suggestion.Acknowledged)
        {
            var reached = suggestion.Cards.Count(c => c.Message is not null);
            var next = reached > 0
                ? $"I've passed it to the facilitators of {TeamName(team)}"
                : $"The facilitators of {TeamName(team)} will find it with `suggestions`";
            await turn.ReplyAsync(
                $"Thanks for suggesting {request.Url.AbsoluteUri}! It's saved as {suggestion.Id}. {next}, and I'll tell you in our 1:1 chat what they decide.",
                cancellationToken);
            await store.UpdateAsync(team.TeamId, suggestion.Number, s => s with { Acknowledged = true }, cancellationToken);
        }
    }

    /// <summary>A decision card to each facilitator not sent one yet; each send is recorded as it happens.</summary>
    private async Task<SuggestionEntity> NotifyFacilitatorsAsync(TurnContext turn, TeamEntity team, SuggestionEntity suggestion, CancellationToken cancellationToken)
    {
        var card = SuggestionCards.Decision(suggestion, team.Name);
        var bot = new ChannelAccount { Id = team.BotId ?? turn.Activity.Recipient?.Id, Name = team.BotName ?? turn.Activity.Recipient?.Name };
        var serviceUrl = team.ServiceUrl is { Length: > 0 } url ? url : turn.ServiceUrl;
        var current = suggestion;
        foreach (var facilitator in await teams.ListFacilitatorsAsync(team.TeamId, cancellationToken))
        {
            var recipient = FacilitatorCard.RecipientOf(facilitator.UserId);
            if (current.Cards.Any(c => c.Recipient == recipient))
            {
                continue;
            }

            var message = new Activity { Type = ActivityTypes.Message, Summary = $"Suggestion {suggestion.Id} from {suggestion.SuggesterDisplayName}", Attachments = [card] };
            var sent = await messenger.SendAsync(new PersonalRecipient(facilitator.UserId, team.TenantId, serviceUrl, bot), message, cancellationToken);
            var entry = FacilitatorCard.For(facilitator.UserId, sent);
            current = await store.UpdateAsync(
                team.TeamId,
                suggestion.Number,
                s => s.Cards.Any(c => c.Recipient == entry.Recipient) ? s : s.WithCards([.. s.Cards, entry]),
                cancellationToken) ?? current;
        }

        var notified = await store.UpdateAsync(team.TeamId, suggestion.Number, s => s with { FacilitatorsNotified = true }, cancellationToken) ?? current;
        var reached = notified.Cards.Count(c => c.Message is not null);
        LogNotified(logger, suggestion.Number, reached);
        return notified;
    }

    private static string TeamName(TeamEntity team) => team.Name ?? "this team";

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggestion S{Number} stored")]
    private static partial void LogStored(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggestion S{Number}: decision cards sent to {Count} facilitators")]
    private static partial void LogNotified(ILogger logger, int number, int count);
}
