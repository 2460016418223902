using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// Writes export rows as CSV straight to a <see cref="PipeWriter"/> (the response body): UTF-8 with
/// a byte order mark, so Excel reads it as UTF-8; RFC 4180 (comma separated, CRLF between records,
/// a field with a comma, quote or line break in double quotes, quotes doubled); and a cell that a
/// spreadsheet would read as a formula (starting with <c>= + - @</c>, tab or carriage return) gets a
/// leading apostrophe, so it shows as text. Flushes every ~32 KB: memory does not grow with the rows.
/// </summary>
public static class ExportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly IReadOnlyList<string> Header = ["when", "channel", "item", "prompt", "text", "rating", "author"];

    private const int FlushAt = 32 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the header and every row; returns how many rows were written.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<ExportRow> rows, PipeWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        var line = new StringBuilder(512);
        output.Write(Encoding.UTF8.Preamble);
        var pending = (long)Encoding.UTF8.Preamble.Length;
        AppendRecord(line, Header);
        pending += Emit(line, output);
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            AppendRow(line, row);
            pending += Emit(line, output);
            count++;
            if (pending >= FlushAt)
            {
                await output.FlushAsync(cancellationToken);
                pending = 0;
            }
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>One row as its CSV record, with the trailing CRLF (for tests and small answers).</summary>
    public static string Record(ExportRow row)
    {
        var line = new StringBuilder();
        AppendRow(line, row);
        return line.ToString();
    }

    /// <summary>What a cell holds once made safe for a spreadsheet and quoted where RFC 4180 needs it.</summary>
    public static string Cell(string? value)
    {
        var cell = new StringBuilder();
        AppendCell(cell, value);
        return cell.ToString();
    }

    private static void AppendRow(StringBuilder line, ExportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        AppendRecord(line, [
            row.When.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            row.Channel,
            row.Item,
            row.Prompt,
            row.Text,
            row.Rating?.ToString(CultureInfo.InvariantCulture),
            row.Author,
        ]);
    }

    private static void AppendRecord(StringBuilder line, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            AppendCell(line, cells[i]);
        }

        line.Append("\r\n");
    }

    private static void AppendCell(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var formula = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (quote)
        {
            line.Append('"');
        }

        if (formula)
        {
            line.Append('\'');
        }

        foreach (var c in value)
        {
            line.Append(c == '"' ? "\"\"" : c);
        }

        if (quote)
        {
            line.Append('"');
        }
    }

    private static int Emit(StringBuilder line, PipeWriter output)
    {
        // One span for the whole record: chunks of a StringBuilder may split a surrogate pair.
        var chars = ArrayPool<char>.Shared.Rent(line.Length);
        try
        {
            line.CopyTo(0, chars, line.Length);
            var written = (int)Utf8.GetBytes(chars.AsSpan(0, line.Length), output);
            line.Clear();
            return written;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
