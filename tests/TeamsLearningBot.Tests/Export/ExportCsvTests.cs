using TeamsLearningBot.Tab.Export;

namespace TeamsLearningBot.Tests.Export;

public sealed class ExportCsvTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 5, 7, TimeSpan.FromHours(2));

    [Fact]
    public async Task The_file_is_UTF8_with_a_BOM_a_header_and_CRLF_records()
    {
        var bytes = await Csv.WriteAsync(Csv.Async([new ExportRow(At, "General", "C1 Feedback", "How?", "Plain text", 4, "Alex Wilber")]));

        Assert.Equal(Csv.Bom, bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal("when,channel,item,prompt,text,rating,author\r\n2026-11-30T07:05:07Z,General,C1 Feedback,How?,Plain text,4,Alex Wilber\r\n", text);
    }

    [Theory]
    [InlineData("a, b")]
    [InlineData("She said \"try it\"")]
    [InlineData("line one\nline two")]
    [InlineData("line one\r\nline two\r\n")]
    [InlineData("\"")]
    [InlineData("Grüße, 你好 and a 🎉 with é")]
    [InlineData(" leading and trailing spaces ")]
    public async Task Awkward_text_round_trips_through_RFC_4180(string text)
    {
        var bytes = await Csv.WriteAsync(Csv.Async([new ExportRow(At, "Ch, \"1\"", "C2 Ünïcode", "Why\n?", text, null, "Zoë")]));

        var records = Csv.Parse(bytes);
        Assert.Equal(2, records.Count);
        Assert.Equal(["2026-11-30T07:05:07Z", "Ch, \"1\"", "C2 Ünïcode", "Why\n?", text, string.Empty, "Zoë"], records[1]);
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\tindented")]
    [InlineData("\rcarriage")]
    public async Task A_cell_a_spreadsheet_would_read_as_a_formula_gets_a_leading_apostrophe(string text)
    {
        var bytes = await Csv.WriteAsync(Csv.Async([new ExportRow(At, text, text, text, text, 3, text)]));

        var cells = Csv.Parse(bytes)[1];
        Assert.Equal("'" + text, cells[1]);
        Assert.Equal("'" + text, cells[2]);
        Assert.Equal("'" + text, cells[3]);
        Assert.Equal("'" + text, cells[4]);
        Assert.Equal("'" + text, cells[6]);
        Assert.Equal("3", cells[5]);
    }

    [Theory]
    [InlineData("1+1=2")]
    [InlineData("a=b")]
    [InlineData("'quoted already")]
    public void Formula_characters_after_the_start_are_left_alone(string text) =>
        Assert.Equal(text, ExportCsv.Cell(text));

    [Fact]
    public async Task Many_rows_are_written_in_order_and_counted()
    {
        var rows = Enumerable.Range(1, 5_000).Select(n => new ExportRow(At.AddSeconds(n), "General", "C1 x", null, $"reflection {n}, with a comma", n % 5 + 1, "Learner " + n)).ToList();
        using var stream = new MemoryStream();
        var pipe = System.IO.Pipelines.PipeWriter.Create(stream);

        var count = await ExportCsv.WriteAsync(Csv.Async(rows), pipe, TestContext.Current.CancellationToken);
        await pipe.CompleteAsync();

        Assert.Equal(5_000, count);
        var records = Csv.Parse(stream.ToArray());
        Assert.Equal(5_001, records.Count);
        Assert.Equal(rows.Select(r => r.Text), records.Skip(1).Select(r => r[4]));
    }
}
