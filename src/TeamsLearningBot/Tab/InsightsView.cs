using System.Globalization;
using TeamsLearningBot.Content;
using TeamsLearningBot.Insights;

namespace TeamsLearningBot.Tab;

/// <summary>
/// The team tab's body, drawn on the server from <see cref="TabInsights"/>: each chart an SVG with
/// a table of the same numbers beside it (the table is what screen readers and copy-paste use).
/// </summary>
public static class InsightsView
{
    public static string Render(TabInsights insights)
    {
        ArgumentNullException.ThrowIfNull(insights);
        var report = insights.Report;
        var h = new HtmlBuilder();
        var about = report.Item is { } item ? ContentIds.Format(item) : report.Tag is { } tag ? "#" + tag : "all content";
        h.Open("header", ("class", "summary"));
        h.Element("h1", $"Insights: {insights.TeamName}");
        if (insights.PrivateChannelId is not null)
        {
            h.Element("p", "This private or shared channel's own insights: its members are the roster, and nothing from the team's other channels is counted.", ("class", "subtle"), ("data-scope", "channel"));
        }

        var p = report.Participation;
        h.Element(
            "p",
            $"{Day(report.From)} to {Day(report.To)} (whole weeks) · {about} · "
            + (p.RosterKnown ? $"{p.Members} members" : $"{p.Members} people who contributed (Teams did not list the members)")
            + $" · {Plural(p.DropWeeks, "week")} with a drop · regular means contributing in at least {p.RegularWeeksNeeded} of them",
            ("class", "subtle"));
        h.Close("header");
        Participation(h, insights);
        Relevance(h, report.Relevance);
        Weeks(h, insights.Weeks);
        Terms(h, report.Business);
        Experts(h, insights.Experts);
        h.Element("p", $"Groups smaller than {report.MinGroupSize} read \u201Cfewer than {report.MinGroupSize}\u201D. Anonymous contributions count, and are never named.", ("class", "subtle"));
        return h.ToString();
    }

    private static void Participation(HtmlBuilder h, TabInsights insights)
    {
        var floor = insights.Report.MinGroupSize;
        var points = insights.History;
        var categories = points.Select(Period).ToList();
        Section(h, "participation", "Participation over time", "Share of members in each tier, period by period, against the benchmark: of employees, 20% share regularly and 18% need help getting started.");
        SvgChart.Columns(
            h,
            "participation-chart",
            "Participation tiers per period, in percent of members",
            categories,
            [
                new("Regular", "s-regular", [.. points.Select(x => x.Regular.Percent)]),
                new("Occasional", "s-occasional", [.. points.Select(x => x.Occasional.Percent)]),
                new("Not yet", "s-notyet", [.. points.Select(x => x.NotYet.Percent)]),
            ],
            100,
            "%",
            lines: [new("Regular 20%", "s-regular", ParticipationReport.RegularBenchmark), new("Not yet 18%", "s-notyet", ParticipationReport.NotYetBenchmark)],
            suppressed: $"<{floor}");
        Table(
            h,
            "participation-table",
            ["Period", "Regular", "Occasional", "Not yet"],
            [
                .. points.Select(x => (IReadOnlyList<string>)[Period(x), x.Regular.Describe(), x.Occasional.Describe(), x.NotYet.Describe()]),
                ["Benchmark", $"{ParticipationReport.RegularBenchmark:0}%", $"{ParticipationReport.OccasionalBenchmark:0}%", $"{ParticipationReport.NotYetBenchmark:0}%"],
            ]);
        h.Close("section");
    }

    private static void Relevance(HtmlBuilder h, RelevanceReport r)
    {
        Section(h, "relevance", "Relevance per item", $"Ranked by a score out of 5 that weighs the number of ratings (team mean {r.TeamMean:0.0}★): one 5★ does not top the list.");
        if (r.Items.Count == 0)
        {
            h.Element("p", "No ratings or reflections in this period yet.", ("class", "empty"));
        }
        else
        {
            var items = r.Items.Take(InsightsCard.MaxItems).ToList();
            SvgChart.Rows(h, "items-chart", "Relevance score per item", [.. items.Select(i => new SvgChart.Bar($"{ContentIds.Format(i.Item)} {i.Title}", Math.Round(i.Score, 1), Rating(i.Mean, i.Ratings)))], 5, "s-relevance");
            Table(
                h,
                "items-table",
                ["Item", "Score", "Mean rating", "Ratings", "Reflections", "People"],
                [.. items.Select(i => (IReadOnlyList<string>)[$"{ContentIds.Format(i.Item)} {i.Title}", HtmlBuilder.Format(Math.Round(i.Score, 1)), Mean(i.Mean), Count(i.Ratings), Count(i.Reflections), i.People.Describe()])]);
        }

        h.Close("section");
        Section(h, "tags", "Relevance per tag", "Each tag's items together.");
        if (r.Tags.Count == 0)
        {
            h.Element("p", "No tagged items were rated or reflected on in this period.", ("class", "empty"));
        }
        else
        {
            var tags = r.Tags.Take(InsightsCard.MaxTags).ToList();
            SvgChart.Rows(h, "tags-chart", "Relevance score per tag", [.. tags.Select(t => new SvgChart.Bar("#" + t.Tag, Math.Round(t.Score, 1), Rating(t.Mean, t.Ratings)))], 5, "s-relevance");
            Table(
                h,
                "tags-table",
                ["Tag", "Score", "Mean rating", "Ratings", "Reflections", "Items"],
                [.. tags.Select(t => (IReadOnlyList<string>)["#" + t.Tag, HtmlBuilder.Format(Math.Round(t.Score, 1)), Mean(t.Mean), Count(t.Ratings), Count(t.Reflections), Count(t.Items)])]);
        }

        h.Close("section");
    }

    private static void Weeks(HtmlBuilder h, IReadOnlyList<WeekCount> weeks)
    {
        Section(h, "weeks", "Reflections per week", "Named and anonymous reflections, by the week (Monday) they were shared.");
        var labels = weeks.Select(w => Day(w.Monday, year: false)).ToList();
        SvgChart.Columns(
            h,
            "weeks-chart",
            "Reflections per week",
            labels,
            [new("Named", "s-named", [.. weeks.Select(w => (double?)w.Named)]), new("Anonymous", "s-anonymous", [.. weeks.Select(w => (double?)w.Anonymous)])],
            Math.Max(5, weeks.Select(w => w.Total).DefaultIfEmpty(0).Max()),
            string.Empty,
            stacked: true);
        Table(h, "weeks-table", ["Week of", "Named", "Anonymous", "Total"], [.. weeks.Select(w => (IReadOnlyList<string>)[Day(w.Monday), Count(w.Named), Count(w.Anonymous), Count(w.Total)])]);
        h.Close("section");
    }

    private static void Terms(HtmlBuilder h, BusinessReport b)
    {
        Section(h, "terms", "Rising terms", "Words and phrases used more in this period's reflections than in the weeks before, with what people said.");
        if (b.Terms.Count == 0)
        {
            h.Element("p", "No term is rising yet.", ("class", "empty"));
        }
        else
        {
            SvgChart.Rows(h, "terms-chart", "Mentions of rising terms", [.. b.Terms.Select(t => new SvgChart.Bar(t.Term, t.Count, $"{Plural(t.Count, "mention")} (before: {t.PreviousCount})"))], b.Terms.Max(t => t.Count), "s-term");
            Table(h, "terms-table", ["Term", "Mentions", "Before"], [.. b.Terms.Select(t => (IReadOnlyList<string>)[t.Term, Count(t.Count), Count(t.PreviousCount)])]);
            foreach (var term in b.Terms.Where(t => t.Quotes.Count > 0))
            {
                h.Open("div", ("class", "quotes"), ("data-term", term.Term)).Element("h3", term.Term);
                foreach (var quote in term.Quotes)
                {
                    h.Open("blockquote").Element("p", quote.Text).Element("footer", $"\u2014 {quote.Author}, {ContentIds.Format(quote.Item)}").Close("blockquote");
                }

                h.Close("div");
            }
        }

        if (b.Ideas.Count > 0)
        {
            h.Element("h3", "Ideas and customer signals");
            h.Open("ul", ("class", "ideas"));
            foreach (var idea in b.Ideas)
            {
                h.Element("li", $"{idea.Kind}: \u201C{idea.Text}\u201D \u2014 {idea.Author} ({ContentIds.Format(idea.Item)})");
            }

            h.Close("ul");
        }

        h.Close("section");
    }

    private static void Experts(HtmlBuilder h, IReadOnlyList<ExpertsReport> reports)
    {
        Section(h, "experts", "Experts per tag", "Who stands out on each of the period's best tags (named contributions only; anyone can leave with \u201Chide me from experts\u201D), and who might need support.");
        if (reports.Count == 0)
        {
            h.Element("p", "No tags to look at in this period yet.", ("class", "empty"));
        }

        foreach (var report in reports)
        {
            var id = "experts-" + Slug(report.Tag);
            h.Open("div", ("class", "experts"), ("data-tag", report.Tag)).Element("h3", "#" + report.Tag);
            if (report.Experts.Count == 0)
            {
                h.Element("p", $"No one stands out on #{report.Tag} yet.", ("class", "empty"));
            }
            else
            {
                SvgChart.Rows(h, id + "-chart", $"Reflections on #{report.Tag} per person", [.. report.Experts.Select(e => new SvgChart.Bar(e.Name, e.Reflections, Plural(e.Reflections, "reflection")))], report.Experts.Max(e => e.Reflections), "s-expert");
                Table(h, id + "-table", ["Person", "Reflections", "Evidence"], [.. report.Experts.Select(e => (IReadOnlyList<string>)[e.Name, Count(e.Reflections), e.Evidence()])]);
            }

            h.Element("p", $"Rated its items low (1–2★): {report.Support.LowRatings.Describe()} · wrote that they struggle: {report.Support.Struggling.Describe()}" + (report.Support.Named.Count > 0 ? " · said so in their own named words: " + string.Join(", ", report.Support.Named) : string.Empty), ("class", "subtle"));
            h.Close("div");
        }

        h.Close("section");
    }

    /// <summary>Opens a section with its heading and a line on how to read it.</summary>
    internal static void Section(HtmlBuilder h, string id, string heading, string note) =>
        h.Open("section", ("id", id), ("class", "card"), ("aria-labelledby", id + "-heading"))
            .Element("h2", heading, ("id", id + "-heading"))
            .Element("p", note, ("class", "subtle"));

    internal static void Table(HtmlBuilder h, string id, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        h.Open("table", ("id", id), ("class", "figures")).Open("thead").Open("tr");
        foreach (var header in headers)
        {
            h.Element("th", header, ("scope", "col"));
        }

        h.Close("tr").Close("thead").Open("tbody");
        foreach (var row in rows)
        {
            h.Open("tr").Element("th", row[0], ("scope", "row"));
            foreach (var cell in row.Skip(1))
            {
                h.Element("td", cell);
            }

            h.Close("tr");
        }

        h.Close("tbody").Close("table");
    }

    internal static string Day(DateOnly day, bool year = true) => day.ToString(year ? "d MMM yyyy" : "d MMM", CultureInfo.InvariantCulture);

    internal static string Plural(int n, string one) => $"{n.ToString(CultureInfo.InvariantCulture)} {one}{(n == 1 ? string.Empty : "s")}";

    private static string Period(TierPoint p) => $"{Day(p.From, year: false)} – {Day(p.To, year: false)}";

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Mean(double? mean) => mean is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) + "★" : "—";

    private static string Rating(double? mean, int ratings) => mean is { } m ? $"{m.ToString("0.0", CultureInfo.InvariantCulture)}★ from {ratings}" : Plural(ratings, "rating");

    private static string Slug(string tag) => new([.. tag.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}
