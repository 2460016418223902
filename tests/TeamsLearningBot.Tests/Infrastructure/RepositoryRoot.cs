namespace TeamsLearningBot.Tests.Infrastructure;

internal static class RepositoryRoot
{
    /// <summary>The folder holding TeamsLearningBot.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TeamsLearningBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (TeamsLearningBot.sln) above " + AppContext.BaseDirectory);
    }
}
