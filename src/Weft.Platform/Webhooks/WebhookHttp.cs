using System.Net;
using System.Net.Sockets;

namespace Weft.Platform.Webhooks;

/// <summary>
/// The one HTTP client webhooks are posted with: no redirects (a redirect could lead inside), no cookies, and a
/// connection step that refuses private addresses unless they are allowed (<see cref="WebhookAddresses"/>).
/// </summary>
internal static class WebhookHttp
{
    public static HttpClient Create(bool allowPrivate)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (context, ct) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                if (!allowPrivate) addresses = addresses.Where(a => !WebhookAddresses.IsPrivate(a)).ToArray();
                if (addresses.Length == 0)
                    throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to no address webhooks may call.");
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // Each request carries its own timeout (WebhookOptions.Timeout).
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
