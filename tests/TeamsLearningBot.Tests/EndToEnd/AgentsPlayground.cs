using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.EndToEnd;

/// <summary>
/// The Microsoft 365 Agents Playground from the repository's node_modules, on a free port, loaded
/// with the committed <c>.m365agentsplayground.yml</c> and sending to <c>botEndpoint</c>. It is
/// driven through the HTTP API its own web UI uses (undocumented, hence the pinned version), and
/// every bot message it pushes to the UI over its WebSocket is recorded.
/// </summary>
internal sealed partial class AgentsPlayground : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly DirectoryInfo workDirectory;
    private readonly ConcurrentQueue<string> output;
    private readonly HttpClient http;
    private readonly ClientWebSocket socket = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly List<BotMessage> received = [];
    private readonly Lock gate = new();
    private TaskCompletionSource arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? receiving;

    private AgentsPlayground(Process process, DirectoryInfo workDirectory, ConcurrentQueue<string> output, int port)
    {
        this.process = process;
        this.workDirectory = workDirectory;
        this.output = output;
        Port = port;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public int Port { get; }

    public PlaygroundConfig Config { get; private set; } = null!;

    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(botEndpoint);
        var root = RepositoryRoot.Path;
        var cli = Path.Combine(root, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"The Agents Playground is not installed ({cli} is missing). Run `npm ci` in {root}.");
        }

        var config = Path.Combine(root, ".m365agentsplayground.yml");
        var requested = FreePort();

        // Its working folder receives a devTools/ log folder; keep that out of the repository.
        var workDirectory = Directory.CreateTempSubdirectory("agents-playground-");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { cli, "-e", botEndpoint.AbsoluteUri, "-c", "msteams", "-p", requested.ToString(CultureInfo.InvariantCulture), "--disable-telemetry" },
            WorkingDirectory = workDirectory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["TEAMSAPPTESTER_BROWSER"] = "none",
                ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = config,
                ["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workDirectory.FullName, "playground.log"),
            },
        };

        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        void Record(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var playground = new AgentsPlayground(process, workDirectory, output, requested);
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(StartTimeout, cancellationToken));
            if (first != listening.Task)
            {
                throw new InvalidOperationException(
                    $"The Agents Playground did not start within {StartTimeout.TotalSeconds} s{(process.HasExited ? $" (exit code {process.ExitCode})" : string.Empty)}.\n{playground.Output}");
            }

            // It quietly takes another port when the one asked for is busy; the caller must know the real one.
            var actual = await listening.Task;
            if (actual != requested)
            {
                throw new InvalidOperationException($"The Agents Playground listened on port {actual}, not on the requested {requested}.");
            }

            await playground.ConnectAsync(cancellationToken);
            return playground;
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Playground's own output, for failure messages.</summary>
    public string Output => string.Join('\n', output.TakeLast(40));

    /// <summary>What the UI does when a conversation is opened: installationUpdate + conversationUpdate (bot added).</summary>
    public async Task InstallAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", new JsonObject(), cancellationToken);
        await EnsureSuccessAsync(response, "install", cancellationToken);
    }

    /// <summary>
    /// Sends a message as the current user, as the UI's compose box does. With <paramref name="mentionBot"/>
    /// the text starts with the bot's @mention; in channels and group chats the Playground forwards only those.
    /// </summary>
    public async Task<SentMessage> SendAsync(string conversationId, string text, bool mentionBot, CancellationToken cancellationToken)
    {
        var markup = $"<at>{Config.BotName}</at>";
        var body = new JsonObject
        {
            ["type"] = "text",
            ["from"] = new JsonObject { ["id"] = Config.UserId },
            ["text"] = mentionBot ? $"{markup} {text}" : text,
            ["textFormat"] = "plain",
        };
        if (mentionBot)
        {
            body["mentions"] = new JsonArray(new JsonObject
            {
                ["mentioned"] = new JsonObject { ["id"] = Config.BotId, ["name"] = Config.BotName },
                ["text"] = markup,
            });
        }

        using var response = await http.PostAsJsonAsync($"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", body, cancellationToken);
        await EnsureSuccessAsync(response, "send a message", cancellationToken);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        return new SentMessage(answer["messageId"]!.ToString(), answer["postConversationId"]?.GetValue<string>());
    }

    /// <summary>Presses an Action.Submit button on the bot message <paramref name="messageId"/>, as the UI does.</summary>
    public async Task SubmitAsync(string conversationId, string messageId, JsonObject data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var body = new JsonObject
        {
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["replyToId"] = messageId,
            ["value"] = data.DeepClone(),
            ["from"] = new JsonObject { ["id"] = Config.UserId },
        };
        using var response = await http.PostAsJsonAsync("_conversation/v1/submit", body, cancellationToken);
        await EnsureSuccessAsync(response, "submit a card", cancellationToken);
    }

    /// <summary>A position in the stream of bot messages; wait for messages after it.</summary>
    public int Mark()
    {
        lock (gate)
        {
            return received.Count;
        }
    }

    /// <summary>
    /// The first bot message after <paramref name="mark"/> in <paramref name="conversationId"/>.
    /// Fails, listing what did arrive, when the bot does not answer in time.
    /// </summary>
    public async Task<BotMessage> WaitForBotMessageAsync(int mark, string conversationId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReplyTimeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                var match = received.Skip(mark).FirstOrDefault(m => m.ConversationId == conversationId);
                if (match is not null)
                {
                    return match;
                }

                next = arrival.Task;
            }

            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                string seen;
                lock (gate)
                {
                    seen = string.Join('\n', received.Skip(mark));
                }

                throw new TimeoutException(
                    $"The bot posted nothing in {conversationId} within {ReplyTimeout.TotalSeconds} s. Bot messages since: {(seen.Length == 0 ? "none" : "\n" + seen)}\nPlayground output:\n{Output}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        socket.Abort();
        if (receiving is not null)
        {
            await receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone, or it will be once the kill lands.
        }

        process.Dispose();
        socket.Dispose();
        http.Dispose();
        stopping.Dispose();
        try
        {
            workDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    [GeneratedRegex(@"^Listening on (\d+)")]
    private static partial Regex ListeningLine();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"The Playground refused to {what}: {(int)response.StatusCode} {body}");
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // Before anything happens: the Playground holds pushes back only while no client is connected.
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Port}/_ws_conversation/v1/conversations/stream"), cancellationToken);
        receiving = ReceiveAsync(stopping.Token);

        // testConfig is what /config returns, without first waiting for the bot to answer.
        var config = await http.GetFromJsonAsync<JsonObject>("_internal/v1/testConfig", cancellationToken);
        Config = PlaygroundConfig.Parse(config!);
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var pushed = BotMessage.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
                if (pushed is null)
                {
                    continue;
                }

                lock (gate)
                {
                    received.Add(pushed);
                    arrival.TrySetResult();
                    arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopping, or the Playground went away; waits then time out with its output.
        }
    }
}
