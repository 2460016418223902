using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TeamsLearningBot.Testing;

/// <summary>What <see cref="FaultProxy"/> does with the requests it receives.</summary>
public enum StorageFault
{
    /// <summary>Passes every byte both ways.</summary>
    None,

    /// <summary>Takes the request and never answers (a storage node that stopped responding).</summary>
    Hang,

    /// <summary>Resets the connection (TCP RST) as the request arrives.</summary>
    Reset,

    /// <summary>Answers <c>503 Server Busy</c> and closes the connection.</summary>
    ServiceUnavailable,
}

/// <summary>
/// A loopback TCP proxy in front of a real service (Azurite), that can be switched at any moment
/// to hang, reset or answer 503 — also on connections already open and pooled by the client, since
/// the fault is applied per chunk of request bytes, not per connection.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly byte[] Busy = Encoding.ASCII.GetBytes(
        "HTTP/1.1 503 Server Busy\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> connections = [];
    private readonly Task accepting;
    private int fault;
    private long faulted;

    private FaultProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>How many chunks of request bytes met a fault so far.</summary>
    public long Faulted => Interlocked.Read(ref faulted);

    public StorageFault Fault
    {
        get => (StorageFault)Volatile.Read(ref fault);
        set => Volatile.Write(ref fault, (int)value);
    }

    public static FaultProxy Start(int targetPort) => new(targetPort);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Task[] open;
        lock (connections)
        {
            open = [.. connections];
        }

        await Task.WhenAll([accepting, .. open]).ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (connections)
            {
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var upstream = PumpRequestsAsync(client, server, both.Token);
            var downstream = PumpAsync(server.GetStream(), client.GetStream(), both.Token);
            await Task.WhenAny(upstream, downstream);
            await both.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client, the service or the proxy went away: the connection ends.
        }
    }

    private async Task PumpRequestsAsync(TcpClient client, TcpClient server, CancellationToken cancellationToken)
    {
        var from = client.GetStream();
        var to = server.GetStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                switch (Fault)
                {
                    case StorageFault.None:
                        await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        break;
                    case StorageFault.Hang:
                        Interlocked.Increment(ref faulted);
                        break;
                    case StorageFault.Reset:
                        Interlocked.Increment(ref faulted);
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Client.Close();
                        return;
                    case StorageFault.ServiceUnavailable:
                        Interlocked.Increment(ref faulted);
                        await from.WriteAsync(Busy, cancellationToken);
                        client.Client.Shutdown(SocketShutdown.Both);
                        return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    private static async Task PumpAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }
}
