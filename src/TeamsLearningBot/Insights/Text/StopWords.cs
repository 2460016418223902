namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// English stop words: function words, contractions, and the filler words reflections are full of
/// ("really", "think", "lot") that would otherwise top every list. A stop word is never a term and
/// a bigram never spans one, so "customer of the month" yields "customer" and "month" only.
/// </summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        // Articles, determiners, quantifiers
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "all", "each", "every", "both",
        "either", "neither", "no", "none", "other", "others", "another", "such", "same", "own", "few",
        "more", "most", "less", "least", "much", "many", "several", "enough", "lot", "lots", "bit",

        // Pronouns and possessives
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours",
        "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it",
        "its", "itself", "they", "them", "their", "theirs", "themselves", "one", "ones", "someone",
        "somebody", "something", "anyone", "anybody", "anything", "everyone", "everybody", "everything",
        "nobody", "nothing", "who", "whom", "whose", "which", "what", "whatever", "whoever",

        // Auxiliaries and modals
        "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
        "does", "did", "doing", "done", "can", "could", "shall", "should", "will", "would", "may", "might",
        "must", "ought",

        // Contractions (after ’ is folded to ')
        "i'm", "i've", "i'd", "i'll", "we're", "we've", "we'd", "we'll", "you're", "you've", "you'd",
        "you'll", "he'd", "he'll", "she'd", "she'll", "it'd", "it'll", "they're", "they've",
        "they'd", "they'll", "that'll", "there's", "here's", "what's", "who's", "let's", "isn't", "aren't",
        "wasn't", "weren't", "don't", "doesn't", "didn't", "haven't", "hasn't", "hadn't", "won't",
        "wouldn't", "can't", "cannot", "couldn't", "shouldn't", "mustn't", "mightn't", "needn't", "ain't",

        // Prepositions
        "about", "above", "across", "after", "against", "along", "among", "around", "as", "at", "before",
        "behind", "below", "beneath", "beside", "besides", "between", "beyond", "by", "despite", "down",
        "during", "except", "for", "from", "in", "inside", "into", "near", "of", "off", "on", "onto", "out",
        "outside", "over", "per", "since", "than", "through", "throughout", "till", "to", "toward",
        "towards", "under", "until", "up", "upon", "via", "with", "within", "without",

        // Conjunctions and connectives
        "and", "or", "but", "nor", "so", "yet", "if", "because", "while", "whereas", "although", "though",
        "unless", "whether", "however", "therefore", "thus", "hence", "also", "then", "else", "instead",
        "otherwise", "anyway", "moreover",

        // Adverbs of degree, time and place that carry no topic
        "very", "really", "quite", "rather", "just", "only", "even", "still", "already", "again", "ever",
        "never", "always", "often", "sometimes", "usually", "perhaps", "maybe", "probably", "actually",
        "basically", "definitely", "certainly", "simply", "especially", "pretty", "too", "almost", "now",
        "here", "there", "where", "when", "why", "how", "well", "far", "soon", "later", "yes", "ok", "okay",
        "not", "etc", "eg", "ie",

        // Filler verbs and nouns of reflection talk
        "get", "gets", "got", "getting", "go", "goes", "going", "went", "gone", "make", "makes", "made",
        "making", "think", "thinks", "thought", "thinking", "know", "knows", "knew", "like", "likes",
        "liked", "want", "wants", "wanted", "say", "says", "said", "see", "saw", "seen", "seem", "seems",
        "feel", "feels", "felt", "take", "took", "taken", "put", "come", "came", "thing", "things", "way",
        "kind", "sort", "stuff", "good", "great", "nice", "would've", "could've", "should've",
    };

    public static int Count => Words.Count;

    public static bool Contains(string word) => Words.Contains(word);
}
