using TeamsLearningBot.Insights;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// What insights knows about one learner in one team, read from their <see cref="LearnerLedger"/>
/// (nudges keep no second book of contributions): their participation tier now and in the period
/// before, whether they responded to a drop's item, and what happened since they went quiet.
/// The tiers follow insights: anyone who contributed (a reflection, named or anonymous, kudos given,
/// an approved suggestion) in a week of the period is Regular or Occasional; nobody else is.
/// </summary>
public sealed class LearnerFacts(LearnerLedger ledger)
{
    public static LearnerFacts None { get; } = new(new LearnerLedger());

    /// <summary>They contributed, or at least rated a card, in <paramref name="week"/>.</summary>
    public bool RespondedInWeek(int week) => ledger.Entries.Any(e => e.Week == week && (e.Contributed || e.Rating is not null));

    /// <summary>They reflected on or rated <paramref name="item"/> from <paramref name="sinceWeek"/> on.</summary>
    public bool RespondedTo(int item, int sinceWeek) =>
        ledger.Entries.Any(e => e.Item == item && e.Week >= sinceWeek && (e.Reflections + e.Anonymous > 0 || e.Rating is not null));

    /// <summary>In the "Not yet" tier of <paramref name="period"/>: no contribution in any of its weeks.</summary>
    public bool NotYet(InsightsPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return !ledger.Entries.Any(e => e.Contributed && e.Week >= period.FirstWeek && e.Week <= period.LastWeek);
    }

    /// <summary>The last week they contributed in, or null when never.</summary>
    public int? LastContributedWeek => ledger.Entries.Where(e => e.Contributed).Select(e => (int?)e.Week).Max();

    /// <summary>Kudos they received after <paramref name="week"/>.</summary>
    public int KudosReceivedAfter(int week) => Math.Max(0, ledger.Entries.Where(e => e.Week > week).Sum(e => e.KudosReceived));

    /// <summary>The items they contributed to (for their tags).</summary>
    public IReadOnlySet<int> ItemsContributedTo => ledger.Entries.Where(e => e.Item > 0 && (e.Contributed || e.Rating is not null)).Select(e => e.Item).ToHashSet();
}
