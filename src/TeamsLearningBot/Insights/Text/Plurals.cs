namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// Folds regular English plurals to the singular ("customers" → "customer", "companies" → "company",
/// "processes" → "process") so one topic is counted once. Deliberately light: only lowercase ASCII
/// words, only suffix rules that are right for nearly every word, and an exception list for the
/// words they would break ("sales", "analytics", "status", "movies"). Anything else is left alone:
/// an unfolded plural costs a split count; a wrong fold ("news" → "new") would merge two topics.
/// </summary>
internal static class Plurals
{
    // Words that end like plurals but are singular, uncountable, or change meaning when folded.
    private static readonly HashSet<string> Unchanged = new(StringComparer.Ordinal)
    {
        "news", "series", "species", "sales", "analytics", "ethics", "physics", "economics", "politics",
        "mathematics", "maths", "logistics", "dynamics", "mechanics", "ergonomics", "optics", "athletics",
        "statistics", "genetics", "linguistics", "aesthetics", "electronics", "robotics", "semantics",
        "lens", "chaos", "bias", "canvas", "atlas", "alias", "gas", "yes", "always", "perhaps", "towards",
        "afterwards", "backwards", "forwards", "upwards", "downwards", "whereas", "overseas", "ops", "devops",
        "finops", "mlops", "biz", "thanks", "kudos", "means", "headquarters", "premises", "diabetes",
        "mumps", "measles", "clothes", "jeans", "glasses", "scissors", "trousers", "pants", "odds",
        "outskirts", "lyrics", "goods", "earnings", "savings", "belongings", "surroundings", "whereabouts",
        "windows", "azure", "aws", "kubernetes", "jenkins", "ios", "macos", "sms", "dns", "https",
        "saas", "paas", "iaas", "faas", "nps", "cvs", "ups", "fedex", "mars", "vegas", "texas", "paris",
        "brussels", "athens", "wales", "christmas", "xmas", "ethos", "pathos", "james", "charles", "jones", "williams", "roberts", "adams",
    };

    // -ies words whose singular ends in -ie, not -y.
    private static readonly HashSet<string> IeWords = new(StringComparer.Ordinal)
    {
        "movies", "cookies", "calories", "zombies", "rookies", "selfies", "newbies", "freebies", "hippies",
        "goodies", "smoothies", "brownies", "genies", "prairies", "pixies", "ties", "lies", "pies", "dies",
        "techies", "hoodies", "aussies", "birdies", "budgies", "veggies", "walkie-talkies",
    };

    // -ches words whose singular ends in -che.
    private static readonly HashSet<string> CheWords = new(StringComparer.Ordinal)
    {
        "caches", "niches", "headaches", "aches", "cliches", "avalanches", "moustaches", "mustaches",
        "psyches", "creches", "quiches", "attaches", "microniches",
    };

    // -oes words whose singular ends in -o.
    private static readonly HashSet<string> OesWords = new(StringComparer.Ordinal)
    {
        "heroes", "potatoes", "tomatoes", "echoes", "vetoes", "torpedoes", "volcanoes", "mosquitoes",
    };

    // Acronym plurals ending in -is ("kpis"); other -is words are singular ("analysis", "basis").
    private static readonly HashSet<string> IsPlurals = new(StringComparer.Ordinal)
    {
        "kpis", "apis", "uis", "guis", "rois", "cis", "wikis", "emojis", "taxis", "skis", "alibis", "minis",
            };

    public static string Singular(string word)
    {
        if (word.Length < 4 || word[^1] != 's' || !IsAsciiWord(word) || Unchanged.Contains(word))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal))
        {
            return IeWords.Contains(word) || word.Length < 5 ? word[..^1] : word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("zzes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith("ches", StringComparison.Ordinal))
        {
            return CheWords.Contains(word) ? word[..^1] : word[..^2];
        }

        if (OesWords.Contains(word))
        {
            return word[..^2];
        }

        if (word.EndsWith("is", StringComparison.Ordinal))
        {
            return IsPlurals.Contains(word) ? word[..^1] : word;
        }

        if (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal)
            || word.EndsWith("'s", StringComparison.Ordinal))
        {
            return word;
        }

        return word[..^1];
    }

    private static bool IsAsciiWord(string word)
    {
        foreach (var c in word)
        {
            if (c is not ((>= 'a' and <= 'z') or '-' or '\''))
            {
                return false;
            }
        }

        return true;
    }
}
