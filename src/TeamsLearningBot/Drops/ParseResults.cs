namespace TeamsLearningBot.Drops;

public static class ParseResults
{
    public static ParseResult<T> Ok<T>(T value)
        where T : class => new() { Value = value };

    public static ParseResult<T> Fail<T>(string error, IReadOnlyList<string> usage)
        where T : class => new() { Error = error, Usage = usage };
}
