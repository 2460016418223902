using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

/// <summary>
/// A stand-in for login.microsoftonline.com (HTTPS, self-signed: MSAL refuses http authorities)
/// and for the Bot Connector (plain http), both on loopback, recording what they receive. Each test
/// works under its own tenant.
/// </summary>
public sealed class TokenAuthorityServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Tenant> tenants = new(StringComparer.Ordinal);
    private X509Certificate2? certificate;
    private WebApplication? app;

    public string HttpsAddress { get; private set; } = "";

    public string HttpAddress { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        app = builder.Build();

        app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var state = tenants[tenant];
            var form = await request.ReadFormAsync();
            state.TokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
            var issued = Interlocked.Increment(ref state.Issued);
            return Results.Json(new
            {
                token_type = "Bearer",
                expires_in = state.ExpiresInSeconds,
                ext_expires_in = state.ExpiresInSeconds,
                access_token = $"token-{issued}",
            });
        });

        app.MapPost("/connector/{tenant}/v3/conversations/{conversationId}/activities", (string tenant, HttpRequest request) =>
        {
            var state = tenants[tenant];
            state.ConnectorAuthorizations.Enqueue(request.Headers.Authorization.ToString());
            return Interlocked.Decrement(ref state.ConnectorRefusals) >= 0
                ? Results.Json(new { error = new { code = "Unauthorized", message = "Token expired" } }, statusCode: StatusCodes.Status401Unauthorized)
                : Results.Json(new { id = "1773478800999" });
        });

        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        HttpsAddress = addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        HttpAddress = addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        certificate?.Dispose();
    }

    /// <summary>A new tenant whose tokens live <paramref name="expiresInSeconds"/> and whose Connector refuses the first calls.</summary>
    public Tenant AddTenant(int expiresInSeconds = 3600, int connectorRefusals = 0)
    {
        var tenant = new Tenant(Guid.NewGuid().ToString(), this) { ExpiresInSeconds = expiresInSeconds, ConnectorRefusals = connectorRefusals };
        tenants[tenant.Id] = tenant;
        return tenant;
    }

    /// <summary>A handler that trusts this server's self-signed certificate, and only that one.</summary>
    public HttpMessageHandler CreateTrustingHandler()
    {
        var thumbprint = certificate!.GetCertHashString();
        return new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint },
        };
    }

    private static X509Certificate2 CreateCertificate()
    {
        // ECDSA: an RSA key would take seconds to generate on a small machine.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }

    public sealed class Tenant(string id, TokenAuthorityServer server)
    {
        internal int Issued;
        internal int ConnectorRefusals;

        public string Id { get; } = id;

        public int ExpiresInSeconds { get; init; }

        public ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();

        public ConcurrentQueue<string> ConnectorAuthorizations { get; } = new();

        public string Authority => $"{server.HttpsAddress}/{Id}";

        public string ServiceUrl => $"{server.HttpAddress}/connector/{Id}/";
    }
}
