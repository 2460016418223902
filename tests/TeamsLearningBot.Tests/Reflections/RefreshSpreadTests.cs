using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>Card refreshes are spread so cards posted together do not all refresh at once, but never sooner than allowed.</summary>
public sealed class RefreshSpreadTests
{
    [Fact]
    public void A_spread_wait_is_never_shorter_and_at_most_the_share_longer()
    {
        var options = new ReflectionOptions { RefreshSpread = 0.25 };
        var waits = Enumerable.Range(0, 1000).Select(_ => options.Spread(TimeSpan.FromSeconds(10))).ToList();

        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12.5)));

        // Spread, not constant: cards that refreshed together drift apart.
        Assert.True(waits.Distinct().Count() > 900);
        Assert.True(waits.Max() - waits.Min() > TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void No_spread_keeps_the_wait_as_it_is()
    {
        var options = new ReflectionOptions { RefreshSpread = 0 };

        Assert.Equal(TimeSpan.FromSeconds(10), options.Spread(TimeSpan.FromSeconds(10)));
    }
}
