using System.Globalization;
using System.Text.RegularExpressions;

namespace TeamsLearningBot.Content;

/// <summary>
/// Flags reflection prompts that are closed yes/no questions ("Do you agree…?", "Is this useful?")
/// and proposes an open rewrite. Closed prompts invite "yes" and end the conversation; the 4 Rs'
/// "Real" asks for open ones.
/// </summary>
/// <remarks>
/// A prompt is split into sentences and each sentence into clauses (at commas, colons, dashes).
/// Only the first word of a clause decides: a wh-word or an open imperative ("Describe…") makes
/// the prompt open; an auxiliary verb that starts an inverted question ("Did you…", "Is this…")
/// makes it closed. One open part anywhere ("…? Why or why not?") is enough to keep the prompt.
/// Leading subordinate clauses ("When you give feedback, do you…?") and lead-ins ("What do you
/// think, is it…?") are skipped so the main question decides.
/// </remarks>
public static partial class PromptCheck
{
    private const string GenericRewrite = "What in this matches or challenges your experience, and why?";

    private static readonly HashSet<string> WhWords = new(StringComparer.Ordinal) { "how", "what", "why", "which", "where", "when", "who", "whom", "whose" };

    private static readonly HashSet<string> OpenVerbs = new(StringComparer.Ordinal)
    {
        "describe", "tell", "share", "explain", "name", "list", "imagine", "reflect", "consider", "picture",
        "recall", "compare", "walk", "suggest", "identify", "pick", "think", "give", "write", "outline",
        "discuss", "summarise", "summarize", "capture", "note", "sketch", "choose", "contrast", "talk",
    };

    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "am", "do", "does", "did", "can", "could", "should", "would", "will", "shall",
        "may", "might", "must", "has", "have", "had", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't",
        "didn't", "can't", "couldn't", "shouldn't", "wouldn't", "won't", "hasn't", "haven't", "hadn't",
    };

    // Words that can only start a clause as polite throat-clearing; the question follows them.
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "so", "and", "but", "or", "now", "ok", "okay", "well", "also", "then", "honestly", "seriously",
        "personally", "overall", "finally", "first", "next", "hey", "hi", "team", "folks", "everyone", "please",
    };

    // "When you…", "Where we…": a subordinate clause, not a question.
    private static readonly HashSet<string> SubjectStarts = new(StringComparer.Ordinal)
    {
        "you", "we", "i", "they", "he", "she", "it", "people", "someone", "this", "that", "our", "your", "my", "their", "the", "a", "an",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal) { "in", "to", "for", "at", "on", "from", "by", "with", "under" };

    private static readonly HashSet<string> Anyone = new(StringComparer.Ordinal) { "any", "anyone", "anybody", "anything" };

    private static readonly string[][] LeadIns =
    [
        ["what", "do", "you", "think"], ["what", "do", "you", "reckon"], ["tell", "us"], ["tell", "me"],
        ["be", "honest"], ["quick", "question"], ["question"],
    ];

    private static readonly string[][] Tags =
    [
        ["right"], ["correct"], ["yes"], ["agreed"], ["true"], ["isn't", "it"], ["aren't", "they"], ["don't", "you"],
        ["don't", "you", "think"], ["wouldn't", "you", "say"], ["isn't", "that", "right"], ["am", "i", "right"], ["no"],
    ];

    private enum Verdict
    {
        None,
        Open,
        Closed,
    }

    public static PromptCheckResult Check(string prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return PromptCheckResult.Open;
        }

        var sentences = Sentences(prompt.Replace('\u2019', '\'')).Select(Classify).ToList();
        if (sentences.Any(s => s.Verdict == Verdict.Open))
        {
            return PromptCheckResult.Open;
        }

        var closed = sentences.FindIndex(s => s.Verdict == Verdict.Closed);
        if (closed < 0)
        {
            return PromptCheckResult.Open;
        }

        // Keep what frames the question ("Watch the first five minutes."), replace the first
        // closed question, and drop any further closed ones: one good question is enough.
        var parts = new List<string>();
        for (var i = 0; i < sentences.Count; i++)
        {
            if (i == closed)
            {
                parts.Add(sentences[i].Rewrite!);
            }
            else if (sentences[i].Verdict == Verdict.None)
            {
                parts.Add(sentences[i].Text);
            }
        }

        return new PromptCheckResult(true, string.Join(' ', parts));
    }

    private static IEnumerable<string> Sentences(string prompt) =>
        SentenceBreak().Split(prompt.Trim()).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static (string Text, Verdict Verdict, string? Rewrite) Classify(string sentence)
    {
        var clauses = Clauses(sentence);
        var verdicts = new List<(Verdict Verdict, int Start)>();
        var framing = 0;
        for (var i = 0; i < clauses.Count; i++)
        {
            var (start, words) = clauses[i];
            var isLast = i == clauses.Count - 1;
            if (!isLast && Matches(words, LeadIns))
            {
                framing = i + 1 < clauses.Count ? clauses[i + 1].Start : sentence.Length;
                continue;
            }

            if (i > 0 && Matches(words, Tags))
            {
                var before = sentence[..start].TrimEnd(' ', ',', ';', ':', '-', '\u2013', '\u2014');
                return (sentence, Verdict.Closed, AgreeRewrite(before));
            }

            verdicts.Add((ClassifyClause(words), start));
        }

        if (verdicts.Any(v => v.Verdict == Verdict.Open))
        {
            return (sentence, Verdict.Open, null);
        }

        var firstClosed = verdicts.FirstOrDefault(v => v.Verdict == Verdict.Closed);
        if (firstClosed.Verdict == Verdict.Closed)
        {
            // A leading "When you give feedback," stays; a lead-in like "What do you think," goes.
            var prefix = framing < firstClosed.Start ? sentence[framing..firstClosed.Start] : string.Empty;
            if (WordPattern().Matches(prefix).All(w => Fillers.Contains(w.Value.ToLowerInvariant())))
            {
                prefix = string.Empty;
            }

            var rewrite = Rewrite(sentence[firstClosed.Start..]);
            return (sentence, Verdict.Closed, prefix.Length == 0 ? rewrite : prefix + LowerFirst(rewrite));
        }

        // "You tried this?" — a statement said as a question still asks for yes or no.
        return sentence.EndsWith('?')
            ? (sentence, Verdict.Closed, GenericRewrite)
            : (sentence, Verdict.None, null);
    }

    private static List<(int Start, List<string> Words)> Clauses(string sentence)
    {
        var clauses = new List<(int, List<string>)>();
        var start = 0;
        foreach (Match separator in ClauseBreak().Matches(sentence))
        {
            Add(start, separator.Index);
            start = separator.Index + separator.Length;
        }

        Add(start, sentence.Length);
        return clauses;

        void Add(int from, int to)
        {
            var words = WordPattern().Matches(sentence[from..to]).Select(m => m.Value.ToLowerInvariant()).ToList();
            var skipped = 0;
            while (skipped < words.Count && Fillers.Contains(words[skipped]))
            {
                skipped++;
            }

            if (skipped < words.Count)
            {
                // The clause starts at its first word that is not a filler, for the rewrite.
                var offset = from;
                for (var i = 0; i <= skipped; i++)
                {
                    offset = sentence.IndexOf(words[i], offset, StringComparison.OrdinalIgnoreCase) + (i < skipped ? words[i].Length : 0);
                }

                clauses.Add((offset, words[skipped..]));
            }
        }
    }

    private static Verdict ClassifyClause(List<string> words)
    {
        if (words.Count == 0)
        {
            return Verdict.None;
        }

        var first = words[0];
        var second = words.Count > 1 ? words[1] : string.Empty;
        var third = words.Count > 2 ? words[2] : string.Empty;

        if (second == "or" && first is "yes" or "true" or "agree")
        {
            return Verdict.Closed;
        }

        // "How about trying…?" proposes something to accept or refuse.
        if (first is "how" or "what" && second == "about" && third.EndsWith("ing", StringComparison.Ordinal))
        {
            return Verdict.Closed;
        }

        if (WhWords.Contains(first))
        {
            return first is "when" or "where" && SubjectStarts.Contains(second) ? Verdict.None : Verdict.Open;
        }

        if (Prepositions.Contains(first) && WhWords.Contains(second))
        {
            return Verdict.Open;
        }

        if (OpenVerbs.Contains(first))
        {
            return Verdict.Open;
        }

        if (Auxiliaries.Contains(first))
        {
            // "Could you share an example…?" is a polite request for a story, not a yes/no question.
            if (first is "can" or "could" or "would" or "will" && second == "you" && OpenVerbs.Contains(third))
            {
                return Verdict.Open;
            }

            // "Have a look…", "Do the exercise…": imperatives, not questions.
            if (first is "have" or "do" && second is "a" or "an" or "the" or "some" or "look")
            {
                return Verdict.None;
            }

            return first == "do" && OpenVerbs.Contains(second) ? Verdict.Open : Verdict.Closed;
        }

        return Anyone.Contains(first) ? Verdict.Closed : Verdict.None;
    }

    private static bool Matches(List<string> words, string[][] phrases) =>
        phrases.Any(p => p.AsSpan().SequenceEqual(words.ToArray()));

    private static string Rewrite(string core)
    {
        var text = core.Trim().TrimEnd('?', '.', '!', ' ');
        Match m;
        if ((m = Alternative().Match(text)).Success)
        {
            var rest = m.Groups["rest"].Value.Trim();
            return rest.Length == 0 ? GenericRewrite
                : m.Groups["kind"].Value.StartsWith("agree", StringComparison.OrdinalIgnoreCase) ? AgreeRewrite(rest)
                : Rewrite(rest);
        }

        if ((m = RightTo().Match(text)).Success)
        {
            var subject = m.Groups["subj"].Value;
            var who = ThirdPerson().IsMatch(subject) ? "in their position" : subject;
            return $"If you were {who}, what would you have done, and why?";
        }

        if ((m = DoYouAgree().Match(text)).Success)
        {
            var rest = m.Groups["rest"].Value.Trim();
            return rest.Length == 0 ? "Where do you agree, and where would you push back?" : $"Where do you agree {rest}, and where would you push back?";
        }

        if ((m = DoYouThink().Match(text)).Success)
        {
            return $"How far do you think {m.Groups["rest"].Value}, and why?";
        }

        if ((m = DoYouFeel().Match(text)).Success)
        {
            return $"What would help you feel {m.Groups["rest"].Value}?";
        }

        if ((m = DoYouHave().Match(text)).Success)
        {
            return $"What has your experience been with {m.Groups["rest"].Value}?";
        }

        if ((m = HaveYou().Match(text)).Success)
        {
            return $"Tell us about a time you've {m.Groups["rest"].Value}.";
        }

        if ((m = IsThere().Match(text)).Success)
        {
            return $"Tell us about {m.Groups["rest"].Value}.";
        }

        if (IsUseful().IsMatch(text))
        {
            return "How could you use this in your own work?";
        }

        if ((m = IsThis().Match(text)).Success)
        {
            var verb = m.Groups["be"].Value.StartsWith("w", StringComparison.OrdinalIgnoreCase) ? "made" : "makes";
            return $"What {verb} {m.Groups["subj"].Value.ToLowerInvariant()} {m.Groups["rest"].Value} — or not?";
        }

        if ((m = AuxThis().Match(text)).Success)
        {
            return $"How {Positive(m.Groups["aux"].Value)} {m.Groups["subj"].Value.ToLowerInvariant()} {m.Groups["rest"].Value}?";
        }

        if ((m = DoesSomeone().Match(text)).Success)
        {
            var subject = m.Groups["subj"].Value;
            var who = subject.Equals("we", StringComparison.OrdinalIgnoreCase) ? "us" : subject;
            return $"What makes it easier or harder for {who} to {m.Groups["rest"].Value}?";
        }

        if ((m = CanSomeone().Match(text)).Success)
        {
            return $"How could {m.Groups["rest"].Value}?";
        }

        if ((m = WouldYou().Match(text)).Success)
        {
            return $"What would make you {m.Groups["rest"].Value}, and what would hold you back?";
        }

        if ((m = ShouldWe().Match(text)).Success)
        {
            return $"What would it take for us to {m.Groups["rest"].Value}, and what would we gain?";
        }

        if ((m = Should().Match(text)).Success)
        {
            return $"When should {m.Groups["rest"].Value}, and when not?";
        }

        if ((m = HowAbout().Match(text)).Success)
        {
            return $"What would we gain from {m.Groups["rest"].Value}, and what might get in the way?";
        }

        if (DidYou().IsMatch(text))
        {
            return "What stood out for you, and what will you do differently as a result?";
        }

        if ((m = DoYou().Match(text)).Success)
        {
            return $"How do you {m.Groups["rest"].Value}?";
        }

        return GenericRewrite;
    }

    private static string AgreeRewrite(string statement)
    {
        var text = statement.Trim().TrimEnd('?', '.', '!', ' ');
        return text.Length == 0 ? GenericRewrite : $"How far do you agree that {LowerFirst(text)}, and why?";
    }

    private static string Positive(string auxiliary) =>
        auxiliary.ToLowerInvariant().Replace("n't", string.Empty, StringComparison.Ordinal);

    // "Feedback is a gift" reads "…that feedback is a gift"; "I", "AI" or "Teams" keep their capitals.
    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) && !text.StartsWith("I ", StringComparison.Ordinal)
            ? char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..]
            : text;

    [GeneratedRegex(@"(?<=[.!?])\s+|[\r\n]+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[,;:()]|\s[-\u2013\u2014]\s|[\u2013\u2014]")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:'[\p{L}]+)?")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^(?<kind>yes or no|true or false|agree or disagree)\b[\s:,\-\u2013\u2014]*(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Alternative();

    [GeneratedRegex(@"^(?:was|were|is|are)(?:n't)?\s+(?<subj>.+?)\s+(?:right|wrong)\s+to\s+.+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RightTo();

    [GeneratedRegex(@"^(?:he|she|they|him|her|them)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThirdPerson();

    [GeneratedRegex(@"^(?:do|did|does)(?:n't)?\s+you\s+(?:agree|disagree)\b(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoYouAgree();

    [GeneratedRegex(@"^(?:do|did)(?:n't)?\s+you\s+(?:really\s+)?(?:think|believe|reckon|feel\s+that)\s+(?:that\s+)?(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoYouThink();

    [GeneratedRegex(@"^(?:do|did)(?:n't)?\s+you\s+feel\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoYouFeel();

    [GeneratedRegex(@"^do(?:n't)?\s+you\s+have\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoYouHave();

    [GeneratedRegex(@"^(?:have|has)(?:n't)?\s+you\s+(?:ever\s+)?(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HaveYou();

    [GeneratedRegex(@"^(?:is|are|was|were)(?:n't)?\s+there\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IsThere();

    [GeneratedRegex(@"^(?:is|are|was|were)(?:n't)?\s+(?:this|it|that|these|those)(?:\s+\w+)?\s+(?:really\s+|actually\s+|at\s+all\s+)?(?:useful|helpful|valuable|interesting|worth\s+it)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IsUseful();

    [GeneratedRegex(@"^(?<be>is|are|was|were)(?:n't)?\s+(?<subj>this|it|that|these|those)\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IsThis();

    [GeneratedRegex(@"^(?<aux>has|have|does|do|did)(?:n't)?\s+(?<subj>this|it|that|these|those|anyone|anything)\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuxThis();

    // Only subjects whose end is certain: "Do people in our team ask…" has no safe place to cut.
    [GeneratedRegex(@"^(?:does|do|did)(?:n't)?\s+(?<subj>we|(?:our|your|the|their|my)\s+(?:team|manager|colleagues|department)|people|managers|teams|leaders)\s+(?<rest>(?!(?:in|on|at|of|from|with|who|that|for|here|there)\b)\w.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoesSomeone();

    [GeneratedRegex(@"^(?:can|could)(?:n't)?\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CanSomeone();

    [GeneratedRegex(@"^(?:would|will|wouldn't|won't)\s+you\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WouldYou();

    [GeneratedRegex(@"^(?:should|shall)(?:n't)?\s+we\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShouldWe();

    [GeneratedRegex(@"^(?:should|shall)(?:n't)?\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Should();

    [GeneratedRegex(@"^(?:how|what)\s+about\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowAbout();

    [GeneratedRegex(@"^did(?:n't)?\s+you\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DidYou();

    [GeneratedRegex(@"^(?:do|does)(?:n't)?\s+you\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoYou();
}

/// <summary>What <see cref="PromptCheck"/> thinks of a reflection prompt, and an open rewrite when it is closed.</summary>
public sealed record PromptCheckResult(bool IsClosed, string? Suggestion)
{
    public static PromptCheckResult Open { get; } = new(false, null);
}
