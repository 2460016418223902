using System.Text;
using System.Text.RegularExpressions;

namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// Reads a reflection for ideas, customer or market signals and struggle with a table of named
/// phrase rules, so a facilitator can always see why a reflection was picked (the rule's name and
/// the words that matched).
/// </summary>
/// <remarks>
/// The text is lowercased, curly quotes folded and split into sentences (at . ! ? ; and line breaks);
/// every rule is tried on every sentence. Negation is handled in the patterns ("we could" does not
/// match "we couldn't", "we could not" or "we could have", which looks back rather than forward) and
/// by guards: struggle needs the writer as the subject ("customers find it confusing" is a market
/// signal, not the writer's struggle), must not be negated ("not confusing") or resolved ("I used to
/// struggle", "at first, but now"). Questions count when they propose ("could we try…?", "what if we
/// ran…?", "why don't we…?") and not when they worry or look back ("what if it fails?", "could we have
/// done better?"). Only the first <see cref="TermExtractor.MaxTextLength"/> characters are read.
/// </remarks>
public static class SignalClassifier
{
    // The patterns have bounded repetition; the timeout only guards against a pathological input on a starved machine.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private static readonly char[] SentenceEnds = ['.', '!', '?', ';', '\n', '\r', '\u2026'];

    private static readonly Regex ThirdPartySubject = Pattern(
        @"\b(?:customers?|clients?|users?|buyers?|prospects?|patients?|guests?|they|he|she|people|others|colleagues?|my manager|the manager|new (?:joiners?|starters?|hires?)|many|most|some people|everyone else|the team|students|learners|viewers|readers)\b");

    private static readonly Regex Resolution = Pattern(
        @"\b(?:used to|at first|initially|no longer|not anymore|any ?more|but now|until|before (?:this|the|i|watching|reading)|finally (?:get|got|understand|understood)|now i (?:get|understand|know|see))\b");

    private static readonly Regex Hypothesis = Pattern(@"\b(?:what if|if|suppose|supposing|imagine|in case|pretend|role-?play(?:ed|ing)?|hypothetically)\b");

    private static readonly Regex NegationBefore = Pattern(
        @"\b(?:not|never|no|less|hardly|without|isn't|wasn't|aren't|weren't|don't|doesn't|didn't|won't|wouldn't|never)\b(?:\s+\S+){0,2}\s*$");

    internal static IReadOnlyList<SignalRule> Rules { get; } =
    [
        // Ideas: proposals for the team or the business, including questions that propose.
        Idea("we could", @"(?<!\b(?:as|best|all|most|everything|anything|nothing|what|before|until) )\bwe could(?!n't)(?! (?:not|never|have|'ve|hardly|barely|only|see|tell|hear|sense|feel|already|finally|still|no longer|do nothing)\b)"),
        Idea("could we", @"\bcould(?:n't)? we(?! (?:have|'ve|not have|be)\b)(?! even\b)"),
        Idea("we should", @"\bwe (?:really |probably |definitely |also )?should(?! (?:have|'ve|be (?:proud|glad|happy|careful|worried))\b)|\bwe shouldn't(?! have\b)"),
        Idea("should we", @"\bshould(?:n't)? we(?! (?:have|'ve|be (?:worried|concerned)|worry|even)\b)"),
        Idea("we might try", @"\bwe (?:might|may) (?:want to|try|consider|explore|look at|be able to)\b|\bwe ought to\b"),
        Idea("we can start", @"\bwe can (?:also |easily |simply |just )?(?:try|start|use|add|create|build|set up|introduce|run|offer|share|pilot|automate|record|schedule|invite|pair|rotate|publish|replace|combine|reuse|turn|move|make a|have a)\b"),
        Idea("we need to", @"\bwe (?:really )?need to (?:start|stop|try|create|build|set up|introduce|find a way|add|rethink|automate|offer|pilot|agree|standardise|standardize|document|simplify|make it easier)\b"),
        Idea("let's", @"\blet(?:'s| us)(?! (?:see|be honest|face it|hope|say|not forget|just say)\b) \w+"),
        Idea("what if we", @"\bwhat if (?:we|our|each|every|everyone|the team|there (?:was|were|is)|instead|you and i)\b(?! (?:fail|lose|get it wrong|miss|can't|cannot|don't|run out|are wrong|mess up|break)\b)"),
        Idea("why don't we", @"\bwhy (?:don't|do not|wouldn't|not) we\b(?! (?:ever|just admit)\b)|\bwhy not (?:try|use|have|make|create|add|start|ask|run|set|build|let|just|give|invite|share|pair|record|put|turn|offer|open|bring|do)\b"),
        Idea("how about", @"\b(?:how|what) about (?:we|a|an|if|having|adding|trying|using|creating|running|setting|making|starting|asking|inviting|sharing|rotating|recording|pairing|building|offering|opening|turning|moving|putting)\b"),
        Idea("I suggest", @"\bi(?:'d| would)? (?:like to )?(?:suggest|propose)\b|\bi(?:'d| would)? recommend (?:that|we|our|having|using|adding|creating|setting|running|trying|starting|making)\b|\b(?:my|one|a|our) (?:small |quick |simple )?(?:suggestion|proposal)\b|\b(?:suggestion|proposal|idea):"),
        Idea("it would be great if", @"(?<!\b(?:not|n't) )\b(?:it|that|this)(?:'d| would) (?:really |also |so |very |super |definitely )?be (?:really |so |very |super )?(?:great|good|nice|helpful|useful|better|amazing|awesome|cool|valuable|brilliant|ideal|worth|fantastic|handy|smart|wise) (?:if|to|for us to|having)\b|\bwouldn't it be (?:great|nice|good|better|cool|amazing) (?:if|to)\b|\bit would help (?:if|to|a lot if)\b"),
        Idea("I wish we", @"\bi (?:wish|hope) we (?:had|could|did|would|started|tried)\b|\bi(?:'d| would) (?:love|like) (?:it if we|us to|to see (?:us|a|an|more|our)|if we)\b"),
        Idea("an idea", @"\b(?:i have|here's|i've got|i had) an idea\b|\b(?:one|my|an|our) (?:small |quick |simple |big |crazy |wild )?idea (?:is|would be|could be|for)\b"),
        Idea("worth trying", @"\b(?:could|might|would|may) be worth (?:trying|a try|piloting|exploring|testing|a shot|doing)\b"),

        // Market: what customers, clients, users, competitors or the market say and do.
        Market("customers ask", @"(?<!\binternal )\b(?:customers?|clients?|users?|buyers?|prospects?|patients?|guests?|shoppers?|consumers?|subscribers?|end[- ]users?)(?:')?(?: (?:often|always|still|keep|kept|really|also|now|then|just|constantly|regularly|repeatedly|increasingly|already|never|have|had|are|were|is|was|all|both|seem to|seemed to|started|start|began|even|who|that|usually|sometimes|mostly)){0,3} (?:ask|asks|asked|asking|want|wants|wanted|told|tell|tells|telling|say|says|said|saying|complain|complains|complained|complaining|mention|mentions|mentioned|mentioning|request|requests|requested|requesting|expect|expects|expected|prefer|prefers|preferred|love|loves|loved|hate|hates|hated|struggle|struggles|struggled|struggling|push|pushed|pushing|churn|churned|churning|leave|leaves|leaving|left|switch|switched|switching|cancel|cancelled|canceled|cancelling|renew|renewed|buy|buys|bought|pay|paid|wonder|wondered|raise|raised|report|reports|reported|find|finds|found|need|needs|needed|demand|demanded|frustrated|confused|unhappy|happy|delighted|annoyed|upset|angry|keep|kept|call|called|email|emailed|escalate|escalated|reject|rejected|chose|choose|compare|compared|value|care|don't|didn't|won't|can't|couldn't)\b"),
        Market("customer feedback", @"(?<!\binternal )\b(?:customer|client|user|buyer|prospect|patient|guest)(?:s|'s|s')? (?:feedback|complaints?|requests?|calls?|tickets?|churn|interviews?|surveys?|visits?|escalations?|objections?|pain points?|needs|expectations|questions|demand|quotes?|comments|reviews|conversations?|meetings?)\b"),
        Market("a client told me", @"\b(?:a|one|our|my|the|another|two|three|several|some|many|most|every|each|big|biggest|largest|new) (?:\w+ )?(?:customers?|clients?|prospects?|accounts?|buyers?) (?:told|asked|said|wrote|called|emailed|complained|mentioned)\b"),
        Market("competitors", @"\b(?:competitors?|competitor's|competitive (?:pressure|landscape|offer|pricing)|rivals?|the competition|our competition)\b"),
        Market("the market", @"(?<!\b(?:job|stock|labou?r|housing|farmers'?|christmas|flea|internal|talent) )\b(?:the|our|this|that|a|new|target|emerging|local|european|asian|us|uk|global|mid|smb|enterprise|b2b|b2c|saas) markets?\b|\bmarket (?:share|trends?|demand|conditions|leader|is shifting|has changed|moves?)\b|\bgo-to-market\b|\btime to market\b"),
        Market("lost a deal", @"\b(?:lost|won|losing|winning|closed|lose|win) (?:a |the |two |three |several |our |that |this |another |big )?(?:deal|deals|tender|tenders|bid|bids|contract|contracts|rfp|rfps|renewal|renewals|pitch)\b|\brfps?\b|\bwin rate\b|\bchurn(?:ed|ing)?\b|\bsales pipeline\b"),
        Market("pricing pressure", @"\b(?:too expensive|price (?:increase|rise|hike)s?|pricing (?:pressure|feedback|question|questions|objection|objections|model|page)|cheaper (?:alternative|option)s?|discounts?)\b"),

        // Struggle: the writer (or their team) finds something hard.
        Struggle("I struggle", @"\b(?:i|we|our team|my team)(?:'m|'re| am| are| have been|'ve been| was| were)? (?:really |still |always |honestly |genuinely |often |sometimes |kind of |a bit |definitely )?struggl(?:e|es|ing|ed)\b|^(?:still |really )?struggling\b", SignalGuards.NotResolved),
        Struggle("struggling with", @"\bstruggl(?:e|ing) (?:with|to)\b", SignalGuards.OwnSubject | SignalGuards.NotResolved | SignalGuards.NotNegated),
        Struggle("I find it hard", @"\b(?:i|we) (?:still |really |often |always |honestly |personally |sometimes )?(?:find|found|am finding|'m finding|are finding) (?:\S+ ){0,6}?(?:hard|difficult|tough|challenging|confusing|overwhelming|tricky|daunting|intimidating|awkward|uncomfortable|exhausting|draining|stressful)\b(?! to believe\b)", SignalGuards.NotResolved),
        Struggle("hard for me", @"\b(?:hard|difficult|tough|challenging|tricky|daunting|stressful|a struggle|a challenge) for (?:me|us|my team|our team)\b", SignalGuards.NotResolved | SignalGuards.NotNegated),
        Struggle("I'm not sure how", @"\b(?:i(?:'m| am)|we(?:'re| are)) (?:still |really |honestly |genuinely |just )?(?:not (?:sure|certain|confident|clear)|unsure|unclear) (?:how|what|where|when|whether|if (?:i|we)|which|why|about how)\b(?! (?:anyone|everyone|people) )|^(?:still )?(?:not sure|unsure) how\b", SignalGuards.NotResolved),
        Struggle("I don't understand", @"\b(?:i|we) (?:still |honestly |really )?(?:don't|do not|didn't|did not|can't|cannot|couldn't) (?:really |fully |quite |totally |completely |yet |always )?(?:understand|get how|get why|get what|get it|grasp|follow|see how|figure out|work out|know how|know where to start|know what to do|wrap my head|get my head)\b", SignalGuards.NotResolved),
        Struggle("confusing", @"\b(?:confusing|confused|confuses me|lost me|over my head|overwhelm(?:ed|ing)|out of my depth|bewildered|baffled|baffling)\b", SignalGuards.OwnSubject | SignalGuards.NotResolved | SignalGuards.NotNegated),
        Struggle("I'm stuck", @"\b(?:i(?:'m| am| was| feel| get| got| keep getting)|we(?:'re| are| were| feel| get| got)) (?:a bit |really |completely |totally |still |so |quite )?(?:stuck|lost|overwhelmed|out of my depth|out of our depth|paralysed|paralyzed|intimidated|anxious about|nervous about|scared of|afraid of|terrified of|bad at|terrible at|not good at|not great at|hopeless at|rubbish at|not confident)\b", SignalGuards.NotResolved),
        Struggle("I have a hard time", @"\b(?:i|we)(?:'m| am|'re| are|'ve| have| had)? (?:having |had |have |got )?(?:a (?:really |very )?(?:hard|tough|difficult) time|trouble|difficulty|difficulties|no idea how|no clue how)\b|\b(?:i|we) (?:need|could use|would like|'d like|would love|'d love) (?:some |more |a bit of )?(?:help|support|guidance|advice) (?:with|on|to|from)\b|\bi never know (?:how|what|where)\b|\bi (?:always |usually )?(?:freeze|panic|avoid it|put it off)\b", SignalGuards.NotResolved),
    ];

    /// <summary>The kinds <paramref name="text"/> reads as and the rules that matched, in rule order.</summary>
    public static SignalResult Classify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return SignalResult.None;
        }

        var normalised = Normalise(text.AsSpan(0, Math.Min(text.Length, TermExtractor.MaxTextLength)));
        var sentences = normalised.Split(SentenceEnds, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var matches = new List<SignalMatch>();
        var kinds = SignalKinds.None;
        foreach (var rule in Rules)
        {
            foreach (var sentence in sentences)
            {
                if (FirstMatch(rule, sentence) is { } phrase)
                {
                    matches.Add(new SignalMatch(rule.Kind, rule.Name, phrase));
                    kinds |= rule.Kind;
                    break;
                }
            }
        }

        return matches.Count == 0 ? SignalResult.None : new SignalResult(kinds, matches);
    }

    private static string? FirstMatch(SignalRule rule, string sentence)
    {
        try
        {
            return FirstAllowedMatch(rule, sentence);
        }
        catch (RegexMatchTimeoutException)
        {
            // A rule that cannot decide in time does not match; classifying never fails a reflection.
            return null;
        }
    }

    private static string? FirstAllowedMatch(SignalRule rule, string sentence)
    {
        for (var match = rule.Pattern.Match(sentence); match.Success; match = match.NextMatch())
        {
            var before = sentence[..match.Index];
            if ((rule.Guards.HasFlag(SignalGuards.OwnSubject) && ThirdPartySubject.IsMatch(before))
                || (rule.Guards.HasFlag(SignalGuards.NotNegated) && NegationBefore.IsMatch(before))
                || (rule.Guards.HasFlag(SignalGuards.NotResolved) && Resolution.IsMatch(sentence))
                || (rule.Guards.HasFlag(SignalGuards.NotHypothetical) && Hypothesis.IsMatch(before)))
            {
                continue;
            }

            return match.Value.Trim();
        }

        return null;
    }

    private static string Normalise(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var raw in text)
        {
            var c = raw switch
            {
                '\u2019' or '\u2018' or '\u02BC' or '\u2032' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2010' or '\u2011' => '-',
                _ => char.ToLowerInvariant(raw),
            };

            // Line breaks end sentences; other runs of white space become one space.
            if (c is '\n' or '\r')
            {
                builder.Append('\n');
                space = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                space = true;
            }
            else
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                space = false;
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static SignalRule Idea(string name, string pattern) => new(SignalKinds.Idea, name, Pattern(pattern));

    private static SignalRule Market(string name, string pattern) => new(SignalKinds.Market, name, Pattern(pattern), SignalGuards.NotHypothetical);

    private static SignalRule Struggle(string name, string pattern, SignalGuards guards = SignalGuards.None) =>
        new(SignalKinds.Struggle, name, Pattern(pattern), guards);

    // Interpreted: the patterns are small and run on one sentence each; compiling 40 of them costs more at start-up than it saves.
    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.CultureInvariant, MatchTimeout);
}

/// <summary>What a reflection reads as, beside a reflection on the content.</summary>
[Flags]
public enum SignalKinds
{
    None = 0,

    /// <summary>A proposal for the team or the business: "we could…", "what if we…", "I suggest…".</summary>
    Idea = 1,

    /// <summary>What customers, clients, users, competitors or the market say or do: "customers keep asking…".</summary>
    Market = 2,

    /// <summary>The writer (or their team) finds something hard: "I struggle with…", "I'm not sure how to…".</summary>
    Struggle = 4,
}

/// <summary>
/// One rule that matched: the kind it signals, the rule's name as a facilitator reads it
/// ("customers ask"), and the words of the reflection that matched it (lowercased).
/// </summary>
public sealed record SignalMatch(SignalKinds Kind, string Rule, string Phrase);

/// <summary>The kinds a reflection reads as, and every rule that said so (the first match of each rule).</summary>
public sealed record SignalResult(SignalKinds Kinds, IReadOnlyList<SignalMatch> Matches)
{
    public static SignalResult None { get; } = new(SignalKinds.None, []);

    public bool Is(SignalKinds kind) => (Kinds & kind) == kind && kind != SignalKinds.None;
}

/// <summary>
/// One transparent rule of <see cref="SignalClassifier"/>: a named pattern over one lowercased
/// sentence, and the guards that veto it in that sentence.
/// </summary>
internal sealed record SignalRule(SignalKinds Kind, string Name, Regex Pattern, SignalGuards Guards = SignalGuards.None);

/// <summary>Sentence-level vetoes of a <see cref="SignalRule"/>.</summary>
[Flags]
internal enum SignalGuards
{
    None = 0,

    /// <summary>Not when someone else is the subject before the match ("customers find it confusing" is not the writer's struggle).</summary>
    OwnSubject = 1,

    /// <summary>Not when the sentence says it is over ("I used to struggle", "confusing at first, but now…").</summary>
    NotResolved = 2,

    /// <summary>Not when a negation stands within three words before the match ("not confusing", "never confused").</summary>
    NotNegated = 4,

    /// <summary>Not inside a supposition ("what if the customer says no?", "if a client asks…"): nobody said it yet.</summary>
    NotHypothetical = 8,
}
