using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Bengkulu112.Webhooks;

/// <summary>
/// The connect step of the delivering HttpClient: resolves the host itself and connects only to addresses the
/// <see cref="DestinationPolicy"/> permits, so the address checked is the address used.
/// </summary>
public static class GuardedConnect
{
    /// <summary>The error a delivery records when every address of the host is refused (the addresses are not named).</summary>
    public const string RefusedMessage = "destination refused: not a public address";

    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Using(DestinationPolicy policy) =>
        async (context, cancellationToken) =>
        {
            var endpoint = context.DnsEndPoint;
            var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
            var permitted = addresses.Where(policy.Permits).ToArray();
            if (permitted.Length == 0)
                throw new DestinationRefusedException();

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(permitted, endpoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}

/// <summary>Thrown by <see cref="GuardedConnect"/> when a webhook's host resolves to no permitted address.</summary>
public sealed class DestinationRefusedException() : IOException(GuardedConnect.RefusedMessage);
