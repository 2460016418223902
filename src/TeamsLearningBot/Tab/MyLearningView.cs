using System.Globalization;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Tab;

/// <summary>The personal tab's body, drawn on the server from <see cref="MyLearning"/>: only the person's own things.</summary>
public static class MyLearningView
{
    public static string Render(MyLearning me)
    {
        ArgumentNullException.ThrowIfNull(me);
        var h = new HtmlBuilder();
        h.Open("header", ("class", "summary")).Element("h1", "My learning");
        var earned = me.Teams.Sum(t => t.Badges.Sum(b => b.Earned.Count));
        h.Element("p", $"{(me.Name is null ? "You" : me.Name)}: {InsightsView.Plural(earned, "badge")} earned, {InsightsView.Plural(me.Reflections.Count, "recent reflection")}. Only you see this page.", ("class", "subtle"));
        h.Close("header");
        if (me.Teams.Count == 0)
        {
            InsightsView.Section(h, "start", "Nothing here yet", "Reflect on a drop, rate how relevant it was, or give a colleague kudos: your badges and reflections show up here.");
            h.Close("section");
        }

        foreach (var team in me.Teams)
        {
            var id = "team-" + me.Teams.ToList().IndexOf(team).ToString(CultureInfo.InvariantCulture);
            InsightsView.Section(h, id, team.TeamName, "Your badges and how close you are to the next tier.");
            var open = team.Badges.Where(b => b.NextThreshold is > 0).ToList();
            if (open.Count > 0)
            {
                SvgChart.Rows(h, id + "-progress", "Progress toward the next tier, in percent", [.. open.Select(b => new SvgChart.Bar($"{b.Emoji} {b.Name}", Math.Round(100.0 * Math.Min(b.Count, b.NextThreshold!.Value) / b.NextThreshold.Value), $"{b.Count}/{b.NextThreshold} toward {b.NextTier}"))], 100, "s-progress");
            }

            InsightsView.Table(
                h,
                id + "-badges",
                ["Badge", "R", "Earned", "Progress"],
                [.. team.Badges.Select(b => (IReadOnlyList<string>)[$"{b.Emoji} {b.Name}", b.R, b.Earned.Count == 0 ? "—" : string.Join(", ", b.Earned.Select(e => $"{e.Tier} ({e.AwardedAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})")), Progress(b)])]);
            if (team.Experts.Count > 0)
            {
                h.Element("h3", "People you could ask");
                h.Open("ul", ("class", "ask"));
                foreach (var tag in team.Experts)
                {
                    h.Element("li", $"#{tag.Tag}: {string.Join(", ", tag.Names)}", ("data-tag", tag.Tag));
                }

                h.Close("ul");
            }

            h.Close("section");
        }

        InsightsView.Section(h, "reflections", "Your latest reflections", "What you shared, newest first. Anonymous ones show no name to anyone else.");
        if (me.Reflections.Count == 0)
        {
            h.Element("p", "No reflections yet.", ("class", "empty"));
        }
        else
        {
            h.Open("ol", ("class", "reflections"));
            foreach (var r in me.Reflections)
            {
                h.Open("li")
                    .Element("blockquote", r.Text)
                    .Element("p", $"{ContentIds.Format(r.Item)} {r.ItemTitle} · {r.TeamName} · {r.At.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}{(r.Anonymous ? " · shared anonymously" : string.Empty)}", ("class", "subtle"))
                    .Close("li");
            }

            h.Close("ol");
        }

        h.Close("section");
        return h.ToString();
    }

    private static string Progress(MyBadge badge) => badge.Line;
}
