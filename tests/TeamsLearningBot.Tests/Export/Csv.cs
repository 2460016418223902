using System.IO.Pipelines;
using System.Text;
using TeamsLearningBot.Tab.Export;

namespace TeamsLearningBot.Tests.Export;

/// <summary>Reads a CSV back the way RFC 4180 defines it, independently of the writer, so a test compares cells, not text.</summary>
internal static class Csv
{
    public static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The records of a UTF-8 CSV with a byte order mark (fails the test without one).</summary>
    public static List<string[]> Parse(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(Bom), "The CSV does not start with the UTF-8 byte order mark.");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, Bom.Length, bytes.Length - Bom.Length);
        var records = new List<string[]>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (cell.Length == 0 && text[i] == '"')
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "A quoted cell is not closed.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    cell.Append(text[i++]);
                }

                Assert.True(i == text.Length || text[i] == ',' || text[i] == '\r', $"Text after a closing quote at {i}.");
                continue;
            }

            switch (text[i])
            {
                case ',':
                    record.Add(cell.ToString());
                    cell.Clear();
                    i++;
                    break;
                case '\r':
                    Assert.True(i + 1 < text.Length && text[i + 1] == '\n', "A record does not end with CRLF.");
                    record.Add(cell.ToString());
                    cell.Clear();
                    records.Add([.. record]);
                    record.Clear();
                    i += 2;
                    break;
                case '\n' or '"':
                    Assert.Fail($"A bare {(text[i] == '"' ? "quote" : "line feed")} outside quotes at {i}.");
                    break;
                default:
                    cell.Append(text[i++]);
                    break;
            }
        }

        Assert.True(record.Count == 0 && cell.Length == 0, "The last record does not end with CRLF.");
        return records;
    }

    public static async Task<byte[]> WriteAsync(IAsyncEnumerable<ExportRow> rows)
    {
        using var stream = new MemoryStream();
        var pipe = PipeWriter.Create(stream);
        await ExportCsv.WriteAsync(rows, pipe, TestContext.Current.CancellationToken);
        await pipe.CompleteAsync();
        return stream.ToArray();
    }

    public static async IAsyncEnumerable<ExportRow> Async(IEnumerable<ExportRow> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
