using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pathway.Host.Api;

/// <summary>
/// Recognises the faults that say "not now" rather than "wrong": the database, or the network to it, is unreachable,
/// busy or timed out. Whatever wraps them (EF Core's "likely due to a transient failure", a <c>DbUpdateException</c>,
/// <c>RetryLimitExceededException</c>), the chain of inner exceptions is searched.
/// </summary>
internal static class TransientFaults
{
    // SQLITE_BUSY and SQLITE_LOCKED: another writer held the file past the busy timeout.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>The transient fault in <paramref name="exception"/>'s chain, named for a log (types and error codes only,
    /// never a message: a message may quote a statement's values); null when it holds none.</summary>
    public static string? Describe(Exception exception)
    {
        var chain = Chain(exception).ToList();
        var transient = chain.FirstOrDefault(IsTransient);
        if (transient is null) return null;
        // Outermost to the root cause: "InvalidOperationException > NpgsqlException > SocketException (ConnectionRefused)".
        return string.Join(" > ", chain.SkipWhile(e => e != transient).Prepend(exception).Distinct().Select(Name));
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        // Npgsql's own judgement: network failures, timeouts, and server states such as 57P03 (starting up),
        // 53300 (too many connections), 40001 (serialization failure), 40P01 (deadlock).
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => true,
        DbException { IsTransient: true } => true,
        TimeoutException or SocketException => true,
        _ => false,
    };

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Count > 1)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
                yield break;
            }
        }
    }

    private static string Name(Exception exception) => exception switch
    {
        PostgresException postgres => $"{nameof(PostgresException)} ({postgres.SqlState})",
        SqliteException sqlite => $"{nameof(SqliteException)} ({sqlite.SqliteErrorCode})",
        SocketException socket => $"{nameof(SocketException)} ({socket.SocketErrorCode})",
        _ => exception.GetType().Name,
    };
}

/// <summary>
/// A transient fault is a 503 with <c>Retry-After</c>, never a 500: the request was not carried out (a transaction
/// that fails commits nothing) and the client may send it again. It is not retried here: an outage lasts longer than
/// a request should wait, and the one case where the outcome is unknown (the link broke while the commit was under
/// way) is settled by the client repeating the request with its <c>Idempotency-Key</c>, not by the host repeating a
/// write blind.
/// </summary>
internal sealed class TransientFaultHandler(IProblemDetailsService problems, ILogger<TransientFaultHandler> logger) : IExceptionHandler
{
    /// <summary>What clients are told to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (TransientFaults.Describe(exception) is not { } fault) return false;
        // The route's pattern, not the path: a path names a file.
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        logger.LogWarning("{Method} {Route} answered 503, a transient fault: {Fault}.", context.Request.Method, route, fault);

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = ApiProblems.Unavailable,
                Detail = "Un service dont Pathway a besoin ne répond pas : la demande n'a pas été effectuée. Vous pouvez la renvoyer dans quelques instants.",
            },
            Exception = exception,
        });
    }
}
