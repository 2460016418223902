using TeamsLearningBot.Insights;

namespace TeamsLearningBot.Tests.Insights;

public sealed class GroupFigureTests
{
    [Theory]
    [InlineData(new[] { 5, 5, 5 }, "5 5 5")]
    [InlineData(new[] { 5, 5, 2 }, "- 5 -")] // 2 alone would be 12 - 5 - 5; the smallest shown goes with it
    [InlineData(new[] { 10, 3, 3 }, "10 - -")] // together 6: neither 3 can be worked out
    [InlineData(new[] { 6, 1, 1 }, "- - -")]
    [InlineData(new[] { 0, 0, 6 }, "- - 6")] // nobody in the hidden tiers: no one to give away
    [InlineData(new[] { 1, 2, 3 }, "- - -")]
    public void A_part_below_the_floor_can_never_be_worked_out_from_the_whole_and_the_parts_shown(int[] parts, string expected)
    {
        var figures = GroupFigure.OfParts(parts, parts.Sum(), floor: 5);
        Assert.Equal(expected, string.Join(' ', figures.Select(f => f.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-")));
        var hidden = parts.Where((_, i) => figures[i].Suppressed).Sum();
        Assert.True(hidden == 0 || hidden >= 5 || figures.All(f => f.Suppressed));
    }
}
