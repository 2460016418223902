using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Content;

/// <summary>
/// What the content commands and the content cards' buttons do, and how they answer. Callers
/// have already parsed and authorized; everything here answers in the turn's conversation.
/// </summary>
public sealed partial class ContentLibrary(ContentStore store, TimeProvider time, ILogger<ContentLibrary> logger)
{
    public Task SendAddFormAsync(TurnContext turn, CancellationToken cancellationToken) =>
        ReplyAsync(turn, () => ContentFormCard.Build(), cancellationToken);

    /// <summary>Adds an item from the form or the one-line command; a link already in the library is not added twice.</summary>
    public async Task AddAsync(TurnContext turn, string teamId, ContentInput input, bool fromForm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var validation = ContentValidator.Validate(input);
        if (!validation.IsValid)
        {
            await ReplyAsync(
                turn,
                () => fromForm
                    ? ContentFormCard.Build(input, errors: validation.Errors)
                    : ProblemCard.Build("That item needs a little more work:", validation.Errors, OneLineContentParser.Syntax),
                cancellationToken);
            return;
        }

        var item = validation.Draft!.ToNewItem(teamId, turn.Activity.From, time.GetUtcNow());
        var result = await store.AddIfNewAsync(item, cancellationToken);
        if (result.Outcome == ContentSaveOutcome.Saved)
        {
            LogAdded(logger, result.Item!.Number);
            await ReplyAsync(turn, () => ContentItemCard.Confirmation(result.Item, isNew: true), cancellationToken);
        }
        else
        {
            await ReplyAsync(turn, () => ContentItemCard.Build(result.Item!, AlreadyThere(result.Item!)), cancellationToken);
        }
    }

    public async Task SendEditFormAsync(TurnContext turn, string teamId, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var item = await store.GetAsync(teamId, number, cancellationToken);
        await (item is null
            ? NotFoundAsync(turn, number, cancellationToken)
            : ReplyAsync(turn, () => ContentFormCard.Build(ContentInput.FromItem(item), item.Id), cancellationToken));
    }

    /// <summary>Replaces an item's fields with the edit form's; who added it, when, and its status stay.</summary>
    public async Task SaveEditAsync(TurnContext turn, string teamId, int number, ContentInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var id = ContentIds.Format(number);
        var validation = ContentValidator.Validate(input);
        if (!validation.IsValid)
        {
            await ReplyAsync(turn, () => ContentFormCard.Build(input, id, validation.Errors), cancellationToken);
            return;
        }

        var result = await store.UpdateAsync(teamId, number, validation.Draft!.Apply, cancellationToken);
        switch (result.Outcome)
        {
            case ContentSaveOutcome.Saved:
                LogEdited(logger, number);
                await ReplyAsync(turn, () => ContentItemCard.Confirmation(result.Item!, isNew: false), cancellationToken);
                break;
            case ContentSaveOutcome.DuplicateUrl:
                var errors = new[] { $"That link is already in the library as {result.Item!.Id} \u201C{ContentValidator.Echo(result.Item.Title)}\u201D; use another link or edit {result.Item.Id}." };
                await ReplyAsync(turn, () => ContentFormCard.Build(input, id, errors), cancellationToken);
                break;
            default:
                await NotFoundAsync(turn, number, cancellationToken);
                break;
        }
    }

    public async Task ShowAsync(TurnContext turn, string teamId, int number, CancellationToken cancellationToken)
    {
        var item = await store.GetAsync(teamId, number, cancellationToken);
        await (item is null
            ? NotFoundAsync(turn, number, cancellationToken)
            : ReplyAsync(turn, () => ContentItemCard.Build(item), cancellationToken));
    }

    public async Task ListAsync(TurnContext turn, string teamId, string? tag, int page, CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(teamId, tag: null, includeArchived: false, cancellationToken);
        var tagged = tag is null ? all : [.. all.Where(i => i.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))];
        var newestFirst = tagged.OrderByDescending(i => i.Number).ToList();
        var tagsInUse = all.SelectMany(i => i.Tags).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        await ReplyAsync(turn, () => ContentListCard.Build(newestFirst, tag, page, tagsInUse), cancellationToken);
    }

    public async Task ArchiveAsync(TurnContext turn, string teamId, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var item = await store.GetAsync(teamId, number, cancellationToken);
        if (item is null)
        {
            await NotFoundAsync(turn, number, cancellationToken);
            return;
        }

        if (item.Status == ContentStatus.Archived)
        {
            await turn.ReplyAsync($"{item.Id} is already archived.", cancellationToken);
            return;
        }

        await store.ArchiveAsync(teamId, number, cancellationToken);
        LogArchived(logger, number);
        await turn.ReplyAsync($"Archived {item.Id} \u201C{ContentValidator.Echo(item.Title)}\u201D. It stays on record but won't be offered or listed any more.", cancellationToken);
    }

    /// <summary>
    /// Replaces a flagged prompt with the prompt check's open rewrite. The rewrite is worked out
    /// again from the stored prompt, so an edit made meanwhile is never overwritten blindly.
    /// </summary>
    public async Task UseSuggestionAsync(TurnContext turn, string teamId, int number, int prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var item = await store.GetAsync(teamId, number, cancellationToken);
        if (item is null)
        {
            await NotFoundAsync(turn, number, cancellationToken);
            return;
        }

        if (Rewrite(item, prompt) is not { } suggestion)
        {
            await turn.ReplyAsync($"Prompt {prompt + 1} of {item.Id} has changed since, or no longer needs a rewrite; nothing to replace.", cancellationToken);
            return;
        }

        var result = await store.UpdateAsync(
            teamId,
            number,
            current => Rewrite(current, prompt) is { } fresh
                ? current with { Prompts = [.. current.Prompts.Select((p, i) => i == prompt ? fresh : p)] }
                : current,
            cancellationToken);
        if (result.Outcome != ContentSaveOutcome.Saved)
        {
            await NotFoundAsync(turn, number, cancellationToken);
            return;
        }

        LogPromptRewritten(logger, number);
        await ReplyAsync(turn, () => ContentItemCard.Confirmation(result.Item!, isNew: false), cancellationToken);
    }

    public Task KeepPromptAsync(TurnContext turn, int number, int prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.ReplyAsync($"Kept prompt {prompt + 1} of {ContentIds.Format(number)} as you wrote it.", cancellationToken);
    }

    /// <summary>Adds the starter pack's items whose links the library doesn't have yet; loading it again adds nothing.</summary>
    public async Task LoadStarterPackAsync(TurnContext turn, string teamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var added = new List<ContentItem>();
        var skipped = 0;
        foreach (var input in StarterPack.Items)
        {
            var draft = ContentValidator.Validate(input).Draft;
            if (draft is null)
            {
                // The pack is checked by a unit test; a broken entry is skipped, never half-added.
                skipped++;
                continue;
            }

            var result = await store.AddIfNewAsync(draft.ToNewItem(teamId, turn.Activity.From, time.GetUtcNow()), cancellationToken);
            if (result.Outcome == ContentSaveOutcome.Saved)
            {
                added.Add(result.Item!);
            }
            else
            {
                skipped++;
            }
        }

        LogStarterPack(logger, added.Count, skipped);
        await ReplyAsync(turn, () => StarterPackCard(added, skipped), cancellationToken);
    }

    private static string? Rewrite(ContentItem item, int prompt)
    {
        if (prompt < 0 || prompt >= item.Prompts.Count)
        {
            return null;
        }

        var check = PromptCheck.Check(item.Prompts[prompt]);
        return check.IsClosed && check.Suggestion!.Length <= ContentLimits.Prompt ? check.Suggestion : null;
    }

    private static string AlreadyThere(ContentItem existing) =>
        existing.Status == ContentStatus.Archived
            ? $"That link is already in the library as {existing.Id}, which is archived."
            : $"That link is already in the library as {existing.Id}, so I didn't add it again.";

    private static Attachment StarterPackCard(List<ContentItem> added, int skipped)
    {
        var card = new AdaptiveCard().Add(CardElement.Text(
            added.Count == 0 ? "The starter pack is already in your library." : $"Added {added.Count} items from the starter pack.",
            added.Count == 0 ? TextStyle.Heading : TextStyle.Good));
        foreach (var item in added)
        {
            card.Add(CardElement.Text($"**{item.Id}** {item.Title}"));
        }

        if (skipped > 0)
        {
            card.Add(CardElement.Text($"Skipped {skipped} whose link the library already has.", TextStyle.Subtle));
        }

        card.Add(CardElement.Text("Every item has an open reflection prompt and the need it serves. See them with \u201Ccontent list\u201D; edit any with \u201Ccontent edit C1\u201D.", TextStyle.Subtle));
        return card.ToAttachment();
    }

    private static async Task NotFoundAsync(TurnContext turn, int number, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(ProblemCard.Build($"There's no {ContentIds.Format(number)} in this team's library.", usage: "content list"), cancellationToken);

    // A card that would not fit a Teams message must not become a 500 (and a redelivery loop).
    private async Task ReplyAsync(TurnContext turn, Func<Attachment> build, CancellationToken cancellationToken)
    {
        Attachment card;
        try
        {
            card = build();
        }
        catch (CardTooLargeException e)
        {
            LogCardTooLarge(logger, e.Bytes);
            await turn.ReplyAsync("That is more than fits in one Teams message. Try a narrower request, for example \u201Ccontent list <tag>\u201D.", cancellationToken);
            return;
        }

        await turn.ReplyAsync(card, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Content item C{Number} added")]
    private static partial void LogAdded(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content item C{Number} edited")]
    private static partial void LogEdited(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content item C{Number} archived")]
    private static partial void LogArchived(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content item C{Number}: a prompt was replaced by its open rewrite")]
    private static partial void LogPromptRewritten(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starter pack loaded: {Added} added, {Skipped} skipped")]
    private static partial void LogStarterPack(ILogger logger, int added, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Bytes}-byte card was too large for Teams; answered with text")]
    private static partial void LogCardTooLarge(ILogger logger, int bytes);
}
