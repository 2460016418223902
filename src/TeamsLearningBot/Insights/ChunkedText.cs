using System.Text;
using Azure.Data.Tables;

namespace TeamsLearningBot.Insights;

/// <summary>A long string kept across properties <c>{prefix}0</c>, <c>{prefix}1</c>… (one Table Storage string property holds 32,768 characters).</summary>
internal static class ChunkedText
{
    public const int ChunkChars = 30_000;

    public static string? Read(TableEntity row, string prefix, int maxChunks)
    {
        var text = new StringBuilder();
        for (var i = 0; i < maxChunks && row.GetString(prefix + i) is { } chunk; i++)
        {
            text.Append(chunk);
        }

        return text.Length == 0 ? null : text.ToString();
    }

    /// <exception cref="InvalidOperationException">The text needs more than <paramref name="maxChunks"/> properties.</exception>
    public static void Write(TableEntity row, string prefix, string text, int maxChunks, string whatOutgrew)
    {
        var chunks = (text.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > maxChunks)
        {
            throw new InvalidOperationException(whatOutgrew);
        }

        for (var i = 0; i < chunks; i++)
        {
            row[prefix + i] = text.Substring(i * ChunkChars, Math.Min(ChunkChars, text.Length - (i * ChunkChars)));
        }
    }
}
