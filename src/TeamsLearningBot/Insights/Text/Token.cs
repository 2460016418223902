namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// One content word of a text: its normalised form, where it sits in the original text
/// (UTF-16 offsets, so a quote can be cut around it), and whether it follows the previous content
/// word with nothing between them but spaces (the only case in which the two form a bigram).
/// </summary>
internal readonly record struct Token(string Term, int Start, int End, bool FollowsPrevious);
