using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Tab.Export;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Insights.InsightsHost;

namespace TeamsLearningBot.Tests.Export;

public sealed class ExportCommandTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ExportHost.StartAsync(azurite);
        host.Teams.Reset();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_facilitator_gets_a_link_for_them_in_the_1_1_chat_and_the_channel_hears_only_that()
    {
        await host.SendAsync(host.Command("export feedback last 30 days", From(Facilitator)));

        var sent = host.Teams.Activities;
        var inChannel = sent.Where(InChannel).ToList();
        Assert.Equal(ExportDelivery.Sent, Assert.Single(inChannel).Text);
        Assert.All(inChannel, a => Assert.DoesNotContain("ticket", a.BodyText ?? string.Empty, StringComparison.OrdinalIgnoreCase));
        var personal = Assert.Single(sent, a => !InChannel(a));
        Assert.Contains("Reflections export: Learning Lab", personal.CardText(), StringComparison.Ordinal);
        Assert.Contains("reflections on items tagged #feedback", personal.CardText(), StringComparison.Ordinal);

        var ticket = TicketOf(personal);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal((ReflectionsHost.TeamId, (string?)null, "feedback"), (ticket.TeamId, ticket.PrivateChannelId, ticket.Tag));
        Assert.Equal((today.AddDays(-29), today), (ticket.From, ticket.To));
        Assert.Equal((Aad(Facilitator), ReflectionsHost.TenantId), (ticket.ObjectId, ticket.TenantId));
        Assert.InRange(ticket.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task The_card_opens_the_page_in_a_Teams_stage_view_and_as_a_plain_link()
    {
        await host.SendAsync(host.Command("export", From(Facilitator)));

        var card = Assert.Single(host.Teams.Activities, a => !InChannel(a)).Card()!.Value;
        var link = OpenUrl(card);
        var stage = Assert.Single(CardContent.SubmitData(card)).GetProperty("msteams").GetProperty("value");
        Assert.Equal("tab/tabInfoAction", stage.GetProperty("type").GetString());
        Assert.Equal(link, stage.GetProperty("tabInfo").GetProperty("contentUrl").GetString());
        Assert.StartsWith(ExportHost.BaseUrl + ExportLinks.PagePath + "?ticket=", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_private_channel_the_link_exports_that_channel_only()
    {
        const string PrivateChannel = "19:5ec7e7a1b2c34d5e@thread.tacv2";
        var card = await host.PostCardAsync(PrivateChannel, "1764242222222");

        await host.SendAsync(ExportHost.In(card, "private", host.Command("export", From(Facilitator))));

        Assert.Equal(PrivateChannel, TicketOf(Assert.Single(host.Teams.Activities, a => a.ConversationId?.StartsWith("19:", StringComparison.Ordinal) != true)).PrivateChannelId);
    }

    [Fact]
    public async Task A_learner_is_refused_and_gets_no_link()
    {
        await host.SendAsync(host.Command("export", From(4)));

        var reply = Assert.Single(host.Teams.Activities);
        Assert.StartsWith("Only facilitators can use `export`", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ticket", reply.BodyText ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_bad_period_gets_the_export_usage()
    {
        await host.SendAsync(host.Command("export since yesterday", From(Facilitator)));

        var reply = Assert.Single(host.Teams.Activities).CardText();
        Assert.Contains("year-month-day", reply, StringComparison.Ordinal);
        Assert.Contains("Try: export [<tag> | C12] [last 30 days", reply, StringComparison.Ordinal);
    }

    private static bool InChannel(RecordedRequest request) => request.ConversationId?.StartsWith(ReflectionsHost.ChannelId, StringComparison.Ordinal) == true;

    private ExportTicket TicketOf(RecordedRequest personal)
    {
        var link = new Uri(OpenUrl(personal.Card()!.Value));
        var text = QueryHelpers.ParseQuery(link.Query)["ticket"].ToString();
        Assert.Equal(TicketCheck.Valid, host.Get<ExportTickets>().Read(text, out var ticket));
        return ticket!;
    }

    private static string OpenUrl(JsonElement card) =>
        card.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "Action.OpenUrl").GetProperty("url").GetString()!;
}
