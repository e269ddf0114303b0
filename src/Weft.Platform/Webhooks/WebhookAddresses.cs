using System.Net;
using System.Net.Sockets;

namespace Weft.Platform.Webhooks;

/// <summary>
/// Which receivers Weft may call. A webhook URL is chosen by a tenant's admin, so without this rule it would let them
/// reach the host's own network (metadata services, databases, admin ports). The URL's host is checked when the
/// subscription is saved, and every address a name resolves to is checked again when connecting, so a name that
/// later points inside is refused too. <c>Weft:Webhooks:AllowPrivateNetworks</c> lifts the rule (development, tests).
/// </summary>
internal static class WebhookAddresses
{
    /// <summary>Why <paramref name="url"/> is no webhook target, or null when it is one.</summary>
    public static string? ProblemWith(string? url, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000) return "'url' is an absolute http or https URL of at most 2000 characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "'url' is an absolute http or https URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "'url' may not carry a user name or password.";
        if (allowPrivate) return null;
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase))
            return "'url' points at this host or its private network, which webhooks may not call.";
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IsPrivate(ip))
            return "'url' points at a private, loopback or link-local address, which webhooks may not call.";
        return null;
    }

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified or multicast.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] >= 64 && b[1] <= 127,
                169 => b[1] == 254,
                172 => b[1] >= 16 && b[1] <= 31,
                192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),
                >= 224 => true,
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return true;
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC;
        }
        return true;
    }
}
