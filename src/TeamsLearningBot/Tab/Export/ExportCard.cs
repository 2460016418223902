using System.Globalization;
using System.Text.Json.Nodes;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// The answer to <c>export</c> in the facilitator's 1:1 chat: what the export holds and its link.
/// The first button opens the page in a Teams stage view (inside Teams, where single sign-on
/// works); the second is the plain link.
/// </summary>
public static class ExportCard
{
    public const string StageTitle = "Download in Teams";
    public const string LinkTitle = "Open the link";

    public static Attachment Build(string teamName, ExportTicket ticket, Uri link)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(link);
        var request = ticket.Request;
        return new AdaptiveCard()
            .Add(CardElement.Text($"Reflections export: {teamName}", TextStyle.Heading))
            .Add(CardElement.Facts([
                ("What", About(request)),
                ("Period", $"{Day(request.Period.From)} to {Day(request.Period.To)} (UTC)"),
                ("Channels", ticket.PrivateChannelId is null ? "the team's standard channels" : "this private or shared channel only"),
                ("Link valid until", ticket.ExpiresAt.UtcDateTime.ToString("HH:mm 'UTC,' d MMM yyyy", CultureInfo.InvariantCulture)),
            ]))
            .Add(CardElement.Text(
                "A CSV file (opens in Excel): when, channel, item, prompt, text, rating, author. Anonymous reflections say \u201Canonymous\u201D and carry no rating. " +
                "The link works only for you, signed in with your work account, and only while you are a facilitator.",
                TextStyle.Subtle))
            .AddAction(StageView(link))
            .AddAction(CardAction.OpenUrl(LinkTitle, link))
            .ToAttachment();
    }

    public static string About(InsightsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Item is { } item ? "reflections on " + ContentIds.Format(item)
            : request.Tag is { } tag ? "reflections on items tagged #" + tag
            : "all reflections";
    }

    // Teams opens tabInfo's page in a stage view (documented "invoke stage view from an Adaptive Card").
    private static CardAction StageView(Uri link) => CardAction.Submit(StageTitle, new JsonObject
    {
        ["msteams"] = new JsonObject
        {
            ["type"] = "invoke",
            ["value"] = new JsonObject
            {
                ["type"] = "tab/tabInfoAction",
                ["tabInfo"] = new JsonObject
                {
                    ["contentUrl"] = link.AbsoluteUri,
                    ["websiteUrl"] = link.AbsoluteUri,
                    ["name"] = "Reflections export",
                    ["entityId"] = "export",
                },
            },
        },
    });

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
