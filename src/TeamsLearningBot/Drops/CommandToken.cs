namespace TeamsLearningBot.Drops;

/// <summary>A word of a command; quoted words are never read as keywords.</summary>
internal readonly record struct CommandToken(string Text, bool Quoted)
{
    public bool Is(string word) => !Quoted && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsAny(params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (Is(word))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsSeparator => IsAny(",", "and");

    public override string ToString() => Quoted ? "\"" + Text + "\"" : Text;
}
