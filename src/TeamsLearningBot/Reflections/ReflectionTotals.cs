using System.Globalization;

namespace TeamsLearningBot.Reflections;

/// <summary>The live counts of a card: reflections, and relevance ratings as a count and a sum.</summary>
public sealed record ReflectionTotals(int Reflections, int Ratings, int RatingSum)
{
    public static ReflectionTotals None { get; } = new(0, 0, 0);

    public double? AverageRating => Ratings == 0 ? null : (double)RatingSum / Ratings;

    /// <summary><c>12 reflections · relevance 4.3/5 from 9 ratings</c>.</summary>
    public string Describe()
    {
        if (Reflections == 0 && Ratings == 0)
        {
            return "No reflections yet — be the first.";
        }

        var reflections = Reflections == 1 ? "1 reflection" : $"{Reflections.ToString(CultureInfo.InvariantCulture)} reflections";
        if (AverageRating is not { } average)
        {
            return reflections;
        }

        var ratings = Ratings == 1 ? "1 rating" : $"{Ratings.ToString(CultureInfo.InvariantCulture)} ratings";
        return $"{reflections} · relevance {average.ToString("0.0", CultureInfo.InvariantCulture)}/5 from {ratings}";
    }
}
