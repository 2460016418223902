using System.Text.Json;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Tests.Content;

public sealed class PromptCheckTests
{
    private const double RequiredAccuracy = 0.90;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TheoryData<string, bool> ConfidentPrompts()
    {
        var data = new TheoryData<string, bool>();
        foreach (var labelled in Table().Where(p => p.Confident))
        {
            data.Add(labelled.Prompt, labelled.Closed);
        }

        return data;
    }

    [Fact]
    public void The_labelled_table_is_balanced_and_large_enough()
    {
        var table = Table();
        Assert.True(table.Count >= 40, $"Only {table.Count} labelled prompts.");
        Assert.Equal(table.Count(p => p.Closed), table.Count(p => !p.Closed));
        Assert.Equal(table.Count, table.Select(p => p.Prompt).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Accuracy_on_the_labelled_table_is_at_least_90_percent()
    {
        var table = Table();
        var wrong = table.Where(p => PromptCheck.Check(p.Prompt).IsClosed != p.Closed).ToList();
        var accuracy = 1.0 - ((double)wrong.Count / table.Count);

        var heldOut = table.Where(p => p.HeldOut).ToList();
        var heldOutRight = heldOut.Count(p => PromptCheck.Check(p.Prompt).IsClosed == p.Closed);

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"Prompt check accuracy: {accuracy:P1} ({table.Count - wrong.Count}/{table.Count}); closed recall {Recall(table, closed: true):P1}, open recall {Recall(table, closed: false):P1}; held-out {(double)heldOutRight / heldOut.Count:P1} ({heldOutRight}/{heldOut.Count}).");
        foreach (var miss in wrong)
        {
            output.WriteLine($"  missed ({(miss.Closed ? "closed" : "open")}): {miss.Prompt}");
        }

        Assert.True(accuracy >= RequiredAccuracy, $"Accuracy {accuracy:P1} is below {RequiredAccuracy:P0}; missed: {string.Join(" | ", wrong.Select(w => w.Prompt))}");
    }

    [Theory]
    [MemberData(nameof(ConfidentPrompts))]
    public void Confidently_labelled_prompt_is_classified_as_labelled(string prompt, bool closed)
    {
        var result = PromptCheck.Check(prompt);

        Assert.Equal(closed, result.IsClosed);
        Assert.Equal(closed, result.Suggestion is not null);
    }

    [Fact]
    public void Every_suggested_rewrite_is_itself_open_and_different()
    {
        foreach (var labelled in Table().Where(p => p.Closed))
        {
            var result = PromptCheck.Check(labelled.Prompt);
            if (!result.IsClosed)
            {
                continue;
            }

            TestContext.Current.TestOutputHelper!.WriteLine($"{labelled.Prompt}  =>  {result.Suggestion}");
            Assert.False(string.IsNullOrWhiteSpace(result.Suggestion));
            Assert.NotEqual(labelled.Prompt, result.Suggestion);
            Assert.False(PromptCheck.Check(result.Suggestion!).IsClosed, $"The rewrite of \u201C{labelled.Prompt}\u201D is closed: {result.Suggestion}");
        }
    }

    [Theory]
    [InlineData("Was the person in the video right to push back on her manager?", "If you were the person in the video, what would you have done, and why?")]
    [InlineData("Do you agree with the speaker?", "Where do you agree with the speaker, and where would you push back?")]
    [InlineData("Is this useful?", "How could you use this in your own work?")]
    [InlineData("Have you ever given feedback to your manager?", "Tell us about a time you've given feedback to your manager.")]
    [InlineData("Can you apply this in your team?", "How could you apply this in your team?")]
    [InlineData("Watch the first five minutes. Do you agree with her main point?", "Watch the first five minutes. Where do you agree with her main point, and where would you push back?")]
    [InlineData("Did you like the video? Was it useful?", "What stood out for you, and what will you do differently as a result?")]
    public void Closed_prompt_gets_an_open_rewrite_that_keeps_its_context(string prompt, string suggestion)
    {
        var result = PromptCheck.Check(prompt);

        Assert.True(result.IsClosed);
        Assert.Equal(suggestion, result.Suggestion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I loved this talk.")]
    public void Text_that_asks_nothing_is_not_flagged(string prompt) => Assert.False(PromptCheck.Check(prompt).IsClosed);

    private static double Recall(IReadOnlyList<LabelledPrompt> table, bool closed)
    {
        var group = table.Where(p => p.Closed == closed).ToList();
        return (double)group.Count(p => PromptCheck.Check(p.Prompt).IsClosed == closed) / group.Count;
    }

    private static List<LabelledPrompt> Table()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "prompt-check.json"));
        return JsonSerializer.Deserialize<List<LabelledPrompt>>(json, Json)!;
    }

    /// <summary>A labelled prompt; held-out ones were added after the rules were written and are not tuned against.</summary>
    private sealed record LabelledPrompt(string Prompt, bool Closed, bool Confident, bool HeldOut);
}
