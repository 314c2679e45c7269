using System.Net;
using System.Text;

namespace Fluxum.Host.Transport;

/// <summary>
/// The HTTP handler under the WebSocket upgrade: passes every request through and, when the server answers
/// the upgrade with a plain status instead of 101, keeps the start of the body (a venue's error words,
/// e.g. Gemini's <c>{"result":"error","reason":"InvalidSignature",...}</c>) for the refusal's message.
/// The body goes to the slot of the connect that sent the request (an async-local slot).
/// </summary>
internal sealed class RefusalBodyCapture : DelegatingHandler
{
    private const int MaxBodyChars = 300;
    private static readonly AsyncLocal<RefusalSlot?> Slot = new();

    public RefusalBodyCapture()
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseCookies = false })
    {
    }

    /// <summary>Opens a slot for the refusal body of the connect running in this async flow.</summary>
    public static RefusalSlot Open()
    {
        var slot = new RefusalSlot();
        Slot.Value = slot;
        return slot;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.SwitchingProtocols && Slot.Value is { } slot)
        {
            var buffer = new char[MaxBodyChars];
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            slot.Body = new string(buffer, 0, read).Trim();
        }

        return response;
    }

    /// <summary>Where one connect's refusal body lands.</summary>
    internal sealed class RefusalSlot
    {
        public string? Body { get; set; }
    }
}
