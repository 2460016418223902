using System.Text;

namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// Picks up to three representative quotes for a term from reflections that contain it.
/// </summary>
/// <remarks>
/// Each reflection offers its shortest sentence that contains the term (matched on the same
/// normalised words <see cref="TermExtractor"/> produces, so "customers" matches "customer").
/// Sentences that fit whole and have at least three content words come first, shorter ones before
/// longer, then by reflection id. Quotes go to different people first (then, if there are too few
/// people, a second quote of the same person), and the same words are never quoted twice. A sentence
/// longer than the limit is cut at spaces to a window around the term, with "…" where it was cut,
/// so a quote never splits a word or a surrogate pair.
/// </remarks>
public static class QuotePicker
{
    public const int DefaultMaxQuotes = 3;
    public const int DefaultMaxLength = 200;
    private const int MinLength = 40;
    private const string Ellipsis = "\u2026";

    public static IReadOnlyList<Quote> Pick(string term, IEnumerable<QuoteCandidate> candidates, int maxQuotes = DefaultMaxQuotes, int maxLength = DefaultMaxLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(term);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxQuotes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, MinLength);

        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var offers = new List<Offer>();
        foreach (var candidate in candidates)
        {
            if (candidate?.Text is { Length: > 0 } && BestSentence(candidate, words, maxLength) is { } offer)
            {
                offers.Add(offer);
            }
        }

        offers.Sort(static (a, b) =>
        {
            var byRank = a.Rank.CompareTo(b.Rank);
            return byRank != 0 ? byRank : string.CompareOrdinal(a.Candidate.Id, b.Candidate.Id);
        });

        var picked = new List<Quote>(maxQuotes);
        var people = new HashSet<string>(StringComparer.Ordinal);
        var said = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sameAuthorAllowed in (ReadOnlySpan<bool>)[false, true])
        {
            foreach (var offer in offers)
            {
                if (picked.Count == maxQuotes)
                {
                    return picked;
                }

                var author = offer.Candidate.Author;
                if (picked.Exists(q => q.Id == offer.Candidate.Id) || said.Contains(offer.Snippet)
                    || (!sameAuthorAllowed && author is not null && people.Contains(author)))
                {
                    continue;
                }

                picked.Add(new Quote(offer.Candidate.Id, author, offer.Snippet));
                said.Add(offer.Snippet);
                if (author is not null)
                {
                    people.Add(author);
                }
            }
        }

        return picked;
    }

    private static Offer? BestSentence(QuoteCandidate candidate, string[] words, int maxLength)
    {
        var text = candidate.Text;
        var tokens = Tokeniser.Tokenise(text);
        Offer? best = null;
        for (var i = 0; i + words.Length <= tokens.Count; i++)
        {
            if (!Matches(tokens, i, words))
            {
                continue;
            }

            var matchStart = tokens[i].Start;
            var matchEnd = tokens[i + words.Length - 1].End;
            var (start, end) = Sentences.Around(text, matchStart);
            end = Math.Max(end, matchEnd);
            var contentWords = tokens.Count(t => t.Start >= start && t.End <= end);
            var fits = end - start <= maxLength;
            var snippet = Collapse(fits ? text.AsSpan(start, end - start) : Window(text, start, end, matchStart, matchEnd, maxLength));
            var rank = ((fits ? 0 : 2) + (contentWords >= 3 ? 0 : 1), end - start);
            if (best is null || rank.CompareTo(best.Rank) < 0)
            {
                best = new Offer(candidate, snippet, rank);
            }
        }

        return best;
    }

    private static bool Matches(List<Token> tokens, int i, string[] words)
    {
        for (var w = 0; w < words.Length; w++)
        {
            if (tokens[i + w].Term != words[w] || (w > 0 && !tokens[i + w].FollowsPrevious))
            {
                return false;
            }
        }

        return true;
    }

    // The widest run of whole words around the match that fits, with an ellipsis on each cut side.
    private static string Window(string text, int start, int end, int matchStart, int matchEnd, int maxLength)
    {
        var budget = maxLength - (2 * Ellipsis.Length);
        var left = matchStart;
        var right = matchEnd;
        var growLeft = true;
        while (true)
        {
            var next = growLeft ? PreviousWordStart(text, start, left) : NextWordEnd(text, end, right);
            var grown = growLeft ? right - next : next - left;
            if (next == (growLeft ? left : right) || grown > budget)
            {
                // This side is done; try the other once, then stop.
                var other = growLeft ? NextWordEnd(text, end, right) : PreviousWordStart(text, start, left);
                var otherGrown = growLeft ? other - left : right - other;
                if (other == (growLeft ? right : left) || otherGrown > budget)
                {
                    break;
                }

                (left, right) = growLeft ? (left, other) : (other, right);
                continue;
            }

            (left, right) = growLeft ? (next, right) : (left, next);
            growLeft = !growLeft;
        }

        var middle = text.AsSpan(left, right - left).Trim();
        return string.Concat(left > start ? Ellipsis : "", middle, right < end ? Ellipsis : "");
    }

    private static int PreviousWordStart(string text, int start, int left)
    {
        var i = left;
        while (i > start && char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }

        while (i > start && !char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }

        return i;
    }

    private static int NextWordEnd(string text, int end, int right)
    {
        var i = right;
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        while (i < end && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static string Collapse(ReadOnlySpan<char> span)
    {
        var builder = new StringBuilder(span.Length);
        var space = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private sealed record Offer(QuoteCandidate Candidate, string Snippet, (int Fit, int Length) Rank);
}

/// <summary>A quote picked by <see cref="QuotePicker"/>: the reflection it comes from and the sentence around the term.</summary>
public sealed record Quote(string Id, string? Author, string Snippet);

/// <summary>
/// A reflection that may be quoted. <paramref name="Author"/> is any stable key of the person, used
/// only to spread quotes over people; null when unknown or anonymous (each such reflection is then
/// treated as a different person).
/// </summary>
public sealed record QuoteCandidate(string Id, string Text, string? Author = null);
