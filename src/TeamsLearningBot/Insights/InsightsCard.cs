using System.Globalization;
using System.Text;
using System.Text.Json;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Insights;

/// <summary>
/// The insights and experts cards (Adaptive Card 1.5). Figures are drawn as bars (a ColumnSet of
/// two weighted columns); a report longer than one message is paged over several cards, each
/// under Teams' size limit.
/// </summary>
public static class InsightsCard
{
    public const int MaxItems = 12;
    public const int MaxTags = 12;

    // Headroom under the limit for the activity around the card.
    private const int PageBudget = AdaptiveCard.MaxPayloadBytes - 2_048;

    public static IReadOnlyList<Attachment> Build(InsightsReport report, string teamName)
    {
        ArgumentNullException.ThrowIfNull(report);
        var about = report.Item is { } item ? ContentIds.Format(item) : report.Tag is { } tag ? "#" + tag : "all content";
        var where = report.ChannelId is null ? teamName : teamName + " (this channel only)";
        var title = $"Insights: {where}, {about}";
        var period = $"{Day(report.From)} to {Day(report.To)} (whole weeks), trend against the weeks just before";
        var sections = new List<IReadOnlyList<CardElement>>
        {
            Participation(report.Participation, report.MinGroupSize),
            Relevance(report.Relevance),
        };
        if (report.Business.Terms.Count > 0 || report.Business.Ideas.Count > 0)
        {
            sections.Add(Business(report.Business));
        }

        return Pages(title, period, sections);
    }

    public static IReadOnlyList<Attachment> Experts(ExpertsReport report, string teamName)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new List<CardElement>();
        if (report.Experts.Count == 0)
        {
            body.Add(CardElement.Text($"No one stands out on #{report.Tag} yet: no named reflections or approved suggestions on its items in this period."));
        }
        else
        {
            var top = report.Experts[0].Score;
            foreach (var expert in report.Experts)
            {
                body.Add(Bar(expert.Name, expert.Score / Math.Max(top, 1), expert.Evidence()));
            }
        }

        body.Add(CardElement.Text("Who might need support", TextStyle.Heading));
        body.Add(CardElement.Facts(
        [
            ("Rated its items low (1–2★)", Count(report.Support.LowRatings)),
            ("Wrote that they struggle", Count(report.Support.Struggling)),
        ]));
        if (report.Support.Named.Count > 0)
        {
            body.Add(CardElement.Text("Said so in their own named words: " + string.Join(", ", report.Support.Named), TextStyle.Subtle));
        }

        body.Add(CardElement.Text("Anonymous contributions are never attributed. Anyone can leave this list with `hide me from experts`.", TextStyle.Subtle));
        return Pages($"Experts on #{report.Tag}: {teamName}", $"{Day(report.From)} to {Day(report.To)}", [body]);
    }

    private static List<CardElement> Participation(ParticipationReport p, int floor)
    {
        var elements = new List<CardElement>
        {
            CardElement.Text("Participation", TextStyle.Heading),
            CardElement.Text(
                (p.RosterKnown ? $"{p.Members} members" : $"{p.Members} people who contributed (Teams did not list the members)")
                + $" · {Plural(p.DropWeeks, "week", "weeks")} with a drop · Regular means contributing in at least {p.RegularWeeksNeeded} of them",
                TextStyle.Subtle),
        };
        foreach (var tier in p.Tiers)
        {
            var trend = tier.TrendPoints is { } points
                ? points switch
                {
                    > 0.5 => $" · ▲ {points:0} pts",
                    < -0.5 => $" · ▼ {-points:0} pts",
                    _ => " · steady",
                }
                : string.Empty;
            elements.Add(Bar(tier.Name, (tier.Now.Percent ?? 0) / 100, $"{tier.Now.Describe()} · benchmark {tier.BenchmarkPercent:0}%{trend}"));
        }

        elements.Add(CardElement.Text($"Benchmark: of employees, 20% share regularly and 18% need help getting started. Anonymous contributions count, never named. Groups smaller than {floor} read \u201Cfewer than {floor}\u201D.", TextStyle.Subtle));
        return elements;
    }

    private static List<CardElement> Relevance(RelevanceReport r)
    {
        var elements = new List<CardElement> { CardElement.Text("Relevance", TextStyle.Heading) };
        if (r.Items.Count == 0)
        {
            elements.Add(CardElement.Text("No ratings or reflections in this period yet."));
            return elements;
        }

        elements.Add(CardElement.Text($"Ranked by a score that weighs the number of ratings (team mean {r.TeamMean:0.0}★): one 5★ does not top the list.", TextStyle.Subtle));
        foreach (var item in r.Items.Take(MaxItems))
        {
            elements.Add(Bar($"{ContentIds.Format(item.Item)} {item.Title}", item.Score / 5, ItemFacts(item)));
        }

        if (r.Items.Count > MaxItems)
        {
            elements.Add(CardElement.Text($"…and {r.Items.Count - MaxItems} more items.", TextStyle.Subtle));
        }

        if (r.Tags.Count > 0)
        {
            elements.Add(CardElement.Text("Tags", TextStyle.Heading));
            foreach (var tag in r.Tags.Take(MaxTags))
            {
                var mean = tag.Mean is { } m ? $"{m:0.0}★ from {tag.Ratings}" : $"{tag.Ratings} ratings";
                elements.Add(Bar("#" + tag.Tag, tag.Score / 5, $"{mean} · {Plural(tag.Reflections, "reflection", "reflections")} · {Plural(tag.Items, "item", "items")}"));
            }
        }

        if (r.Worst.Count > 0)
        {
            elements.Add(CardElement.Text("Worth replacing", TextStyle.Heading));
            foreach (var item in r.Worst)
            {
                var need = string.IsNullOrWhiteSpace(item.PerformanceNeed) ? "no performance need recorded" : "need: " + item.PerformanceNeed;
                elements.Add(CardElement.Text($"**{ContentIds.Format(item.Item)} {item.Title}**: {ItemFacts(item)} · {need}"));
            }
        }

        return elements;
    }

    private static List<CardElement> Business(BusinessReport b)
    {
        var elements = new List<CardElement> { CardElement.Text("What people are saying", TextStyle.Heading) };
        foreach (var term in b.Terms)
        {
            elements.Add(CardElement.Text($"**{term.Term}**: {Plural(term.Count, "mention", "mentions")} (before: {term.PreviousCount})"));
            foreach (var quote in term.Quotes)
            {
                elements.Add(CardElement.Text($"\u201C{quote.Text}\u201D \u2014 {quote.Author}", TextStyle.Subtle));
            }
        }

        if (b.Ideas.Count > 0)
        {
            elements.Add(CardElement.Text("Ideas and customer signals", TextStyle.Heading));
            foreach (var idea in b.Ideas)
            {
                elements.Add(CardElement.Text($"{idea.Kind}: \u201C{idea.Text}\u201D \u2014 {idea.Author} ({ContentIds.Format(idea.Item)})"));
            }
        }

        return elements;
    }

    private static string ItemFacts(ItemRelevance item)
    {
        var rating = item.Mean is { } mean ? $"{mean:0.0}★ from {item.Ratings}" : Plural(item.Ratings, "rating", "ratings");
        var perPost = item.ReflectionsPerPost is { } rate ? $" · {rate:0.#} reflections a post" : string.Empty;
        return $"{rating} · {Plural(item.Reflections, "reflection", "reflections")} · people: {Count(item.People)} · {Plural(item.Channels, "channel", "channels")}{perPost}";
    }

    /// <summary>A labelled bar: the label, a bar filled to <paramref name="fraction"/>, and the figure.</summary>
    private static CardElement Bar(string label, double fraction, string figure)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * 100);
        var bar = new List<CardElement>();
        if (filled > 0)
        {
            bar.Add(CardElement.Column([CardElement.Text(" ")], filled.ToString(CultureInfo.InvariantCulture), "accent"));
        }

        if (filled < 100)
        {
            bar.Add(CardElement.Column([CardElement.Text(" ")], (100 - filled).ToString(CultureInfo.InvariantCulture), "emphasis"));
        }

        return CardElement.Container(
        [
            CardElement.ColumnSet(
            [
                CardElement.Column([CardElement.Text("**" + label + "**")], "2"),
                CardElement.Column([CardElement.ColumnSet(bar)], "3"),
            ]),
            CardElement.Text(figure, TextStyle.Subtle),
        ]);
    }

    private static IReadOnlyList<Attachment> Pages(string title, string subtitle, IReadOnlyList<IReadOnlyList<CardElement>> sections)
    {
        var pages = new List<List<CardElement>> { new() };
        var size = 0;
        foreach (var element in sections.SelectMany(s => s))
        {
            var bytes = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(element.ToJsonNode()));
            if (size + bytes > PageBudget && pages[^1].Count > 0)
            {
                pages.Add([]);
                size = 0;
            }

            pages[^1].Add(element);
            size += bytes;
        }

        return [.. pages.Select((body, i) =>
        {
            var card = new AdaptiveCard()
                .Add(CardElement.Text(pages.Count == 1 ? title : $"{title} ({i + 1} of {pages.Count})", TextStyle.Title))
                .Add(CardElement.Text(subtitle, TextStyle.Subtle));
            foreach (var element in body)
            {
                card.Add(element);
            }

            return card.ToAttachment();
        })];
    }

    private static string Count(GroupFigure figure) => figure.Count is { } n ? n.ToString(CultureInfo.InvariantCulture) : $"fewer than {figure.Floor}";

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Plural(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
