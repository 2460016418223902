using System.Globalization;
using System.Text.RegularExpressions;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Content;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Reflections;

/// <summary><c>reflections C12 [page 2]</c>: the latest reflections on an item, across the team's channels.</summary>
public sealed partial class ReflectionsCommand(ReflectionListing listing) : ICommandHandler
{
    public const string Usage = "reflections C12 [page 2]";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var match = Arguments().Match(context.Arguments.Trim());
        if (!match.Success || !ContentItem.TryParseId(match.Groups["item"].Value, out var item))
        {
            await context.Turn.ReplyAsync($"Which item? For example `{Usage}` — `content list` shows the ids.", cancellationToken);
            return;
        }

        var page = match.Groups["page"].Success ? int.Parse(match.Groups["page"].Value, CultureInfo.InvariantCulture) : 1;
        var result = await listing.GetPageAsync(context.Activity.TeamId!, item, page, Viewer(context.Activity), cancellationToken);
        await ThreadNotice.SendAsync(context.Turn, ReflectionListCard.Build(result, string.Empty, offerBack: false).ToAttachment(), cancellationToken);
    }

    /// <summary>The channel the command was sent in: its id (from the conversation when channelData lacks it) and type.</summary>
    internal static ChannelInfo Viewer(Activity activity) =>
        new() { Id = activity.ChannelConversationId, Type = activity.ChannelData?.Channel?.Type };

    [GeneratedRegex(@"^(?<item>[Cc]\d{1,8})(\s+page\s+(?<page>\d{1,6}))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Arguments();
}
