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
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamsLearningBot.Bench;

/// <summary>
/// Loopback stand-ins for the Bot Framework's identity services: the channel's OpenID metadata and
/// JWKS (plain http, which the bot accepts for loopback only) with a signing key endorsed for
/// <c>msteams</c>, and a token endpoint for the bot's outbound tokens on HTTPS (MSAL refuses http)
/// under a certificate issued by a throwaway CA. The CA is written to a PEM file so the bot's
/// process can be told to trust it (<c>SSL_CERT_FILE</c>).
/// </summary>
internal sealed class IdentityStandIn : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string ChannelId = "msteams";

    private const string KeyId = "bench-channel-key";

    private static readonly string[] SigningAlgorithms = ["RS256"];
    private static readonly string[] Endorsements = [ChannelId];

    private readonly RSA signingKey = RSA.Create(2048);
    private readonly string tenantId;
    private readonly string appId;
    private readonly string appPassword;
    private readonly string trustDirectory;
    private WebApplication? app;
    private X509Certificate2? serverCertificate;
    private string jwksUrl = "";
    private int tokensIssued;

    public IdentityStandIn(string tenantId, string appId, string appPassword)
    {
        this.tenantId = tenantId;
        this.appId = appId;
        this.appPassword = appPassword;
        trustDirectory = Directory.CreateTempSubdirectory("tlb-bench-").FullName;
        TrustFile = Path.Combine(trustDirectory, "bench-ca.pem");
    }

    public string AppId => appId;

    public string TenantId => tenantId;

    public string AppPassword => appPassword;

    /// <summary>Goes to the bot as <c>ToBotFromChannelOpenIdMetadataUrl</c>.</summary>
    public string MetadataUrl { get; private set; } = "";

    /// <summary>Goes to the bot as <c>ToChannelFromBotLoginUrl</c> (the authority, tenant included).</summary>
    public string LoginUrl { get; private set; } = "";

    /// <summary>PEM of the CA that issued the token endpoint's certificate.</summary>
    public string TrustFile { get; }

    /// <summary>The access token the token endpoint hands out; the bot must put it on its Connector calls.</summary>
    public string AccessToken { get; } = "bench-outbound-" + Guid.NewGuid().ToString("N");

    public int TokensIssued => Volatile.Read(ref tokensIssued);

    public async Task StartAsync()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=TeamsLearningBot benchmark CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        await File.WriteAllTextAsync(TrustFile, ca.ExportCertificatePem());

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        serverCertificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(serverCertificate));
        });
        app = builder.Build();
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = ChannelIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = jwksUrl,
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        }));
        app.MapGet("/v1/.well-known/keys", () => Results.Json(new { keys = new[] { Jwk() } }));
        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueTokenAsync);
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var http = addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal));
        var https = addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        MetadataUrl = $"{http}/v1/.well-known/openidconfiguration";
        jwksUrl = $"{http}/v1/.well-known/keys";
        LoginUrl = $"{https}/{tenantId}";
    }

    /// <summary>A channel token as Teams sends it: RS256, endorsed key, audience the app id, the activity's serviceUrl.</summary>
    public string CreateChannelToken(string serviceUrl, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ChannelIssuer,
            Audience = appId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now + lifetime,
            Claims = new Dictionary<string, object>
            {
                ["serviceurl"] = serviceUrl,
                ["jti"] = Guid.NewGuid().ToString(),
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        serverCertificate?.Dispose();
        signingKey.Dispose();
        Directory.Delete(trustDirectory, recursive: true);
    }

    private async Task<IResult> IssueTokenAsync(string tenant, HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (tenant != tenantId || form["grant_type"] != "client_credentials" || form["client_id"] != appId || form["client_secret"] != appPassword)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Unknown client or secret." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        Interlocked.Increment(ref tokensIssued);
        return Results.Json(new
        {
            token_type = "Bearer",
            expires_in = 3600,
            ext_expires_in = 3600,
            access_token = AccessToken,
        });
    }

    private Dictionary<string, object> Jwk()
    {
        var parameters = signingKey.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = Endorsements,
        };
    }
}
