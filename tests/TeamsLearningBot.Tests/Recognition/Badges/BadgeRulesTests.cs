using TeamsLearningBot.Drops;
using TeamsLearningBot.Events;
using TeamsLearningBot.Recognition.Badges;

namespace TeamsLearningBot.Tests.Recognition.Badges;

public sealed class BadgeRulesTests
{
    private static readonly BadgeCatalogue Catalogue = BadgeCatalogue.LoadEmbedded();

    [Theory]
    [InlineData("2026-11-30T00:00:00Z", "UTC", "2026-11-30")]
    [InlineData("2026-12-06T23:59:59Z", "UTC", "2026-11-30")]
    [InlineData("2026-12-07T00:30:00Z", "America/New_York", "2026-11-30")]
    [InlineData("2026-12-06T23:30:00Z", "Asia/Tokyo", "2026-12-07")]
    [InlineData("2026-03-29T01:30:00Z", "Europe/London", "2026-03-23")]
    public void A_week_starts_on_monday_in_the_team_s_time_zone(string at, string zone, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), BadgeRules.WeekOf(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), TimeZones.FindOrUtc(zone)));

    [Fact]
    public void Due_tiers_follow_the_team_s_thresholds_skip_disabled_badges_and_never_repeat()
    {
        var appreciated = Catalogue.Find("appreciated")!;
        var curator = Catalogue.Find("curator")!;
        var progress = LearnerProgress.New("p", Event());
        progress.SetCount(appreciated, 12);
        progress.SetCount(curator, 20);

        Assert.Equal([("appreciated", 0), ("appreciated", 1), ("curator", 0), ("curator", 1), ("curator", 2)], Due(progress, BadgeSettings.Defaults));

        progress.SetTiersAwarded(appreciated, 1);
        var settings = BadgeSettings.Defaults.WithEnabled("curator", false).WithThresholds("appreciated", [2, 13, 20]);
        Assert.Empty(Due(progress, settings));

        progress.SetCount(appreciated, 13);
        Assert.Equal([("appreciated", 1)], Due(progress, settings));
    }

    [Fact]
    public void Thresholds_that_do_not_fit_the_badge_fall_back_to_the_catalogue_s()
    {
        var curator = Catalogue.Find("curator")!;

        Assert.Equal([1, 5, 15], BadgeSettings.Defaults.WithThresholds("curator", [2, 3]).ThresholdsOf(curator));
        Assert.Equal([2, 3, 4], BadgeSettings.Defaults.WithThresholds("curator", [2, 3, 4]).ThresholdsOf(curator));
    }

    [Theory]
    [InlineData(new[] { "1", "2", "3" }, null)]
    [InlineData(new[] { "1", "2" }, "needs 3 numbers")]
    [InlineData(new[] { "2", "2", "3" }, "more than the one before")]
    [InlineData(new[] { "1", "2", "10001" }, "from 1 to 10,000")]
    [InlineData(new[] { "1", "2", "+3" }, "not a whole number")]
    [InlineData(new[] { "1", "2", "3.5" }, "not a whole number")]
    public void Thresholds_are_ascending_positive_whole_numbers_one_per_tier(string[] given, string? problem)
    {
        var error = BadgeThresholdsCommand.Check(Catalogue.Find("curator")!, given, out var thresholds);

        if (problem is null)
        {
            Assert.Null(error);
            Assert.Equal([1, 2, 3], thresholds);
        }
        else
        {
            Assert.Contains(problem, error, StringComparison.Ordinal);
            Assert.Empty(thresholds);
        }
    }

    [Fact]
    public void Counts_never_go_below_zero_when_facts_are_taken_back()
    {
        var progress = LearnerProgress.New("p", Event());
        var appreciated = Catalogue.Find("appreciated")!;

        BadgeRules.Apply(Event() with { Kind = LearnerEventKind.KudosReceived, Delta = -1 }, progress, null, TimeZoneInfo.Utc, [appreciated]);

        Assert.Equal(0, progress.Count(appreciated));
    }

    private static IReadOnlyList<(string, int)> Due(LearnerProgress progress, BadgeSettings settings) =>
        [.. BadgeRules.Due([Catalogue.Find("appreciated")!, Catalogue.Find("curator")!], progress, settings).Select(d => (d.Badge.Id, d.TierIndex))];

    private static LearnerEvent Event() => new()
    {
        Kind = LearnerEventKind.KudosReceived,
        EventId = "e",
        TenantId = "t",
        TeamId = "team",
        LearnerKey = "k",
        At = DateTimeOffset.UnixEpoch,
    };
}
