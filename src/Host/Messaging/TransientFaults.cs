using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;

namespace Pathway.Host.Messaging;

/// <summary>
/// Tells a fault that passes (the database or the network briefly away, a timeout, a lost race) from one that
/// will not (a bug), for the logs only: both are retried alike, since sending a good answer to the error queue
/// because of Pathway's own fault would lose it.
/// </summary>
internal static class TransientFaults
{
    public static bool Includes(Exception exception) => Chain(exception).Any(e => e is
        DbException { IsTransient: true } or DbUpdateConcurrencyException or TimeoutException or IOException or SocketException
        or MassTransit.TransportUnavailableException);

    /// <summary>The types of the exception and of its inner ones, e.g. <c>NpgsqlException ← SocketException</c>:
    /// enough to tell what failed, without messages, which may quote data.</summary>
    public static string Describe(Exception exception) => string.Join(" ← ", Chain(exception).Select(e => e.GetType().Name));

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException) yield return e;
    }
}
