using System.Text.Json;
using TeamsLearningBot.Chats;
using TeamsLearningBot.Content;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// A facilitator's Approve or Reject. The first decision wins: it is written under the ETag the
/// suggestion was read with, so a second facilitator (or a second press) learns who decided.
/// What follows a decision — the library item, the <see cref="LearnerEventKind.SuggestionApproved"/>
/// event, the word to the suggester, the other facilitators' cards — is recorded step by step on
/// the suggestion, so a redelivered press completes it and repeats nothing.
/// </summary>
public sealed partial class SuggestionDecider(
    SuggestionStore store,
    ContentStore content,
    PersonalMessenger messenger,
    LearnerEvents events,
    LearnerKeys learners,
    TimeProvider time,
    ILogger<SuggestionDecider> logger)
{
    // A decision still unfinished after this was abandoned (its press failed and Teams gave up
    // redelivering it); a later press completes it. Sooner, the deciding press is still at work.
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    public async Task ApproveAsync(TurnContext turn, TeamEntity team, int number, JsonElement value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(team);
        var suggestion = await store.GetAsync(team.TeamId, number, cancellationToken);
        if (suggestion is null)
        {
            await turn.ReplyAsync(Gone(number), cancellationToken);
            return;
        }

        if (suggestion.State != SuggestionStatus.Pending)
        {
            await AlreadyDecidedAsync(turn, team, suggestion, cancellationToken);
            return;
        }

        var input = SuggestionForm.Read(value, suggestion);
        var note = SuggestionForm.ReadNote(value, suggestion);
        var validation = ContentValidator.Validate(input);
        if (!validation.IsValid)
        {
            await turn.ReplyAsync(SuggestionCards.Decision(suggestion, team.Name, input, note, validation.Errors), cancellationToken);
            return;
        }

        // The prompt check of content add, asked before saving: a card in a 1:1 chat cannot offer
        // the library's after-the-fact "use suggestion" buttons, which work in the team only.
        if (!SuggestionForm.ReadKeepPrompt(value, suggestion) && ClosedPrompts(validation.Draft!) is { Count: > 0 } closed)
        {
            var rewritten = input with { Prompts = [.. validation.Draft!.Prompts.Select(p => closed.TryGetValue(p, out var open) ? open : p)] };
            var problems = closed.Select(c => $"\u201C{ContentValidator.Echo(c.Key)}\u201D reads as a yes/no question, and those tend to end the conversation. I've put an open version in the form: approve with it, change it, or switch on \u201CKeep my prompt as written\u201D.").ToList();
            await turn.ReplyAsync(SuggestionCards.Decision(suggestion, team.Name, rewritten, note, problems, offerKeepPrompt: true), cancellationToken);
            return;
        }

        if (await content.FindByUrlAsync(team.TeamId, suggestion.Link, cancellationToken) is { } existing)
        {
            await turn.ReplyAsync(
                $"That link was added to the library meanwhile, as {existing.Id} \u201C{ContentValidator.Echo(existing.Title)}\u201D. Reject {suggestion.Id} with a note so {suggestion.SuggesterDisplayName} knows.",
                cancellationToken);
            return;
        }

        var decided = await DecideAsync(turn, team, suggestion, SuggestionStatus.Approved, note, input, cancellationToken);
        if (decided is not null)
        {
            LogApproved(logger, number);
            await FinishAsync(turn, team, decided, answer: true, cancellationToken);
        }
    }

    public async Task RejectAsync(TurnContext turn, TeamEntity team, int number, JsonElement value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(team);
        var suggestion = await store.GetAsync(team.TeamId, number, cancellationToken);
        if (suggestion is null)
        {
            await turn.ReplyAsync(Gone(number), cancellationToken);
            return;
        }

        if (suggestion.State != SuggestionStatus.Pending)
        {
            await AlreadyDecidedAsync(turn, team, suggestion, cancellationToken);
            return;
        }

        var decided = await DecideAsync(turn, team, suggestion, SuggestionStatus.Rejected, SuggestionForm.ReadNote(value, suggestion), null, cancellationToken);
        if (decided is not null)
        {
            LogRejected(logger, number);
            await FinishAsync(turn, team, decided, answer: true, cancellationToken);
        }
    }

    /// <summary>Writes the decision if nobody decided first; otherwise says who did and returns null.</summary>
    private async Task<SuggestionEntity?> DecideAsync(
        TurnContext turn,
        TeamEntity team,
        SuggestionEntity suggestion,
        SuggestionStatus status,
        string? note,
        ContentInput? draft,
        CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var deciderKey = learners.KeyOf(activity);
        if (deciderKey is not null)
        {
            // Indexed first, so forget me finds the decider's name on the suggestion whatever happens next.
            await store.IndexPersonAsync(deciderKey, team.TeamId, cancellationToken);
        }

        var decision = suggestion with
        {
            Status = status.ToString(),
            DeciderKey = deciderKey,
            DecidedById = activity.From?.Id,
            DecidedByName = activity.From?.Name,
            DecidedAt = time.GetUtcNow(),
            DecisionActivityId = activity.Id,
            Note = note,
        };
        if (draft is not null)
        {
            decision = decision.WithDraft(draft);
        }

        if (await store.TryDecideAsync(decision, cancellationToken) is { } decided)
        {
            return decided;
        }

        var fresh = await store.GetAsync(team.TeamId, suggestion.Number, cancellationToken);
        await (fresh is null
            ? turn.ReplyAsync(Gone(suggestion.Number), cancellationToken)
            : AlreadyDecidedAsync(turn, team, fresh, cancellationToken));
        return null;
    }

    /// <summary>
    /// A press on a decided suggestion: the redelivery of the deciding press completes the decision;
    /// anyone else is told who decided (and a decision abandoned half-way is completed on the way).
    /// </summary>
    private async Task AlreadyDecidedAsync(TurnContext turn, TeamEntity team, SuggestionEntity suggestion, CancellationToken cancellationToken)
    {
        if (suggestion.DecisionActivityId is { } decision && decision == turn.Activity.Id)
        {
            await FinishAsync(turn, team, suggestion, answer: true, cancellationToken);
            return;
        }

        if (!IsFinished(suggestion) && time.GetUtcNow() - (suggestion.DecidedAt ?? DateTimeOffset.MinValue) > Abandoned)
        {
            suggestion = await FinishAsync(turn, team, suggestion, answer: false, cancellationToken);
        }

        var verb = suggestion.State == SuggestionStatus.Approved ? "approved" : "rejected";
        var item = suggestion.ItemNumber is { } number ? $" (it's {ContentIds.Format(number)} in the library)" : string.Empty;
        await turn.ReplyAsync($"{suggestion.Id} was already {verb} by {suggestion.DeciderDisplayName}{item}.", cancellationToken);
    }

    private static bool IsFinished(SuggestionEntity s) =>
        s.SuggesterTold && s.CardsUpdated && (s.State != SuggestionStatus.Approved || (s.ItemNumber is not null && s.EventPublished));

    /// <summary>Everything a decision leads to, each step once: item, event, suggester, cards, the decider's answer.</summary>
    private async Task<SuggestionEntity> FinishAsync(TurnContext turn, TeamEntity team, SuggestionEntity suggestion, bool answer, CancellationToken cancellationToken)
    {
        var current = suggestion;
        if (current.State == SuggestionStatus.Approved)
        {
            current = await AddToLibraryAsync(team, current, cancellationToken);
            if (!current.EventPublished)
            {
                await PublishApprovedAsync(current, cancellationToken);
                current = await store.UpdateAsync(team.TeamId, current.Number, s => s with { EventPublished = true }, cancellationToken) ?? current;
            }
        }

        if (!current.SuggesterTold)
        {
            await TellSuggesterAsync(turn, team, current, cancellationToken);
            current = await store.UpdateAsync(team.TeamId, current.Number, s => s with { SuggesterTold = true }, cancellationToken) ?? current;
        }

        if (!current.CardsUpdated)
        {
            var decided = SuggestionCards.Decided(current, team.Name);
            foreach (var card in current.Cards)
            {
                if (card.Message is { } sent)
                {
                    await messenger.UpdateAsync(sent, new Activity { Type = ActivityTypes.Message, Summary = $"Suggestion {current.Id}", Attachments = [decided] }, cancellationToken);
                }
            }

            current = await store.UpdateAsync(team.TeamId, current.Number, s => s with { CardsUpdated = true }, cancellationToken) ?? current;
        }

        if (answer && !current.DecisionAnswered)
        {
            await turn.ReplyAsync(DeciderAnswer(current), cancellationToken);
            current = await store.UpdateAsync(team.TeamId, current.Number, s => s with { DecisionAnswered = true }, cancellationToken) ?? current;
        }

        return current;
    }

    /// <summary>
    /// Adds the approved item, credited to the suggester. The library refuses a link twice, so a
    /// repeat after a crash finds the item it added the first time instead of adding another.
    /// </summary>
    private async Task<SuggestionEntity> AddToLibraryAsync(TeamEntity team, SuggestionEntity suggestion, CancellationToken cancellationToken)
    {
        if (suggestion.ItemNumber is not null)
        {
            return suggestion;
        }

        var draft = ContentValidator.Validate(suggestion.Draft ?? SuggestionForm.Prefill(suggestion)).Draft
            ?? throw new InvalidOperationException($"Suggestion {suggestion.Id} was approved with an entry that no longer validates.");
        var decider = new ChannelAccount { Id = suggestion.DecidedById, Name = suggestion.DecidedByName };
        var item = draft.ToNewItem(team.TeamId, decider, suggestion.DecidedAt ?? time.GetUtcNow()) with
        {
            SuggestedById = suggestion.SuggesterId,
            SuggestedByName = suggestion.SuggesterName,
        };
        var result = await content.AddIfNewAsync(item, cancellationToken);
        var stored = result.Item!;
        if (result.Outcome == ContentSaveOutcome.Saved)
        {
            LogItemAdded(logger, suggestion.Number, stored.Number);
        }

        return await store.UpdateAsync(team.TeamId, suggestion.Number, s => s with { ItemNumber = stored.Number, ItemTitle = stored.Title }, cancellationToken)
            ?? suggestion with { ItemNumber = stored.Number, ItemTitle = stored.Title };
    }

    private Task PublishApprovedAsync(SuggestionEntity suggestion, CancellationToken cancellationToken) =>
        events.PublishAsync(
            new LearnerEvent
            {
                Kind = LearnerEventKind.SuggestionApproved,
                EventId = $"suggestion|{suggestion.TeamId}|{suggestion.Id}",
                TenantId = suggestion.TenantId,
                TeamId = suggestion.TeamId,
                LearnerKey = suggestion.SuggesterKey,
                Learner = suggestion.SuggesterId is { } id ? new LearnerIdentity(id, suggestion.SuggesterAadObjectId, suggestion.SuggesterName) : null,
                At = suggestion.DecidedAt ?? time.GetUtcNow(),
                Place = suggestion.ChannelId is null ? null : new EventPlace(suggestion.ServiceUrl, suggestion.ConversationId),
                SubjectId = suggestion.ItemNumber is { } number ? ContentIds.Format(number) : null,
                ItemNumber = suggestion.ItemNumber,
            },
            cancellationToken);

    private async Task TellSuggesterAsync(TurnContext turn, TeamEntity team, SuggestionEntity suggestion, CancellationToken cancellationToken)
    {
        if (suggestion.SuggesterId is not { } userId)
        {
            return;
        }

        var teamName = team.Name ?? "your team";
        var text = suggestion.State == SuggestionStatus.Approved
            ? $"Good news: your suggestion {suggestion.Url} is now in the {teamName} library as **{ContentIds.Format(suggestion.ItemNumber ?? 0)}** \u201C{suggestion.ItemTitle}\u201D, with your name on it. Thank you for enriching it!"
            : $"About your suggestion {suggestion.Url}: {suggestion.DeciderDisplayName} decided not to add it to the {teamName} library this time. Thank you for suggesting — keep them coming.";
        text += suggestion.Note is { } note
            ? $"\n\n{suggestion.DeciderDisplayName}'s note: \u201C{note}\u201D"
            : suggestion.State == SuggestionStatus.Rejected ? $"\n\n{suggestion.DeciderDisplayName} left no note; ask them if you'd like to know more." : string.Empty;
        var bot = new ChannelAccount { Id = team.BotId ?? turn.Activity.Recipient?.Id, Name = team.BotName ?? turn.Activity.Recipient?.Name };
        var serviceUrl = team.ServiceUrl is { Length: > 0 } url ? url : turn.ServiceUrl;
        var message = new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" };
        if (await messenger.SendAsync(new PersonalRecipient(userId, team.TenantId, serviceUrl, bot), message, cancellationToken) is null)
        {
            LogSuggesterUnreachable(logger, suggestion.Number);
        }
    }

    private static string DeciderAnswer(SuggestionEntity suggestion) =>
        suggestion.State == SuggestionStatus.Approved
            ? $"Approved {suggestion.Id}: {ContentIds.Format(suggestion.ItemNumber ?? 0)} \u201C{suggestion.ItemTitle}\u201D is in the library, credited to {suggestion.SuggesterDisplayName}, who has been told. Change it any time with `content edit {ContentIds.Format(suggestion.ItemNumber ?? 0)}` in the team."
            : $"Rejected {suggestion.Id}. {suggestion.SuggesterDisplayName} has been told" + (suggestion.Note is null ? "." : ", with your note.");

    private static Dictionary<string, string> ClosedPrompts(ContentDraft draft)
    {
        var closed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var prompt in draft.Prompts)
        {
            var check = PromptCheck.Check(prompt);
            if (check.IsClosed && check.Suggestion is { Length: <= ContentLimits.Prompt } open)
            {
                closed[prompt] = open;
            }
        }

        return closed;
    }

    private static string Gone(int number) =>
        $"There's no suggestion {SuggestionIds.Format(number)} in this team any more (its suggester may have asked me to forget them).";

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggestion S{Number} approved")]
    private static partial void LogApproved(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggestion S{Number} rejected")]
    private static partial void LogRejected(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggestion S{Number} added to the library as C{ItemNumber}")]
    private static partial void LogItemAdded(ILogger logger, int number, int itemNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggestion S{Number}: the suggester could not be reached in a 1:1 chat")]
    private static partial void LogSuggesterUnreachable(ILogger logger, int number);
}
