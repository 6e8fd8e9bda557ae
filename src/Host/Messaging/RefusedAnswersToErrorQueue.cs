using Pathway.Host.Answering;
using System.Runtime.ExceptionServices;
using MassTransit;
using MassTransit.Middleware;
using Pathway.Host.Telemetry;

namespace Pathway.Host.Messaging;

/// <summary>
/// The error pipe of the answers endpoint, in place of MassTransit's default (every fault to the error queue): a
/// refused answer goes to <c>pathway.answers_error</c> with its reason; any other fault is rethrown, which gives the
/// message back to RabbitMQ's queue unacknowledged (a requeueing nack), to be delivered and tried again.
/// </summary>
internal sealed class RefusedAnswersToErrorQueue(TimeSpan pauseBeforeReturn) : IFilter<ExceptionReceiveContext>
{
    private readonly IPipe<ExceptionReceiveContext> _errorQueue = Pipe.New<ExceptionReceiveContext>(pipe =>
    {
        pipe.UseFilter(new GenerateFaultFilter());
        pipe.UseFilter(new ErrorTransportFilter());
    });

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (RefusalIn(context.Exception) is { } refusal)
        {
            PathwayMetrics.AnswerRefused(refusal.Code);
            await _errorQueue.Send(context);
            await next.Send(context);
            return;
        }

        // A pause before the message comes back, so that a fault met before any retry (outside the consumer) cannot
        // loop without rest; shutting down cuts it short, and the broker keeps the message.
        try
        {
            await Task.Delay(pauseBeforeReturn, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        if (!context.IsFaulted) await context.NotifyFaulted(context.Exception);
        ExceptionDispatchInfo.Capture(context.Exception).Throw();
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("refusedAnswersToErrorQueue");

    private static AnswerRejectedException? RefusalIn(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is AnswerRejectedException refusal) return refusal;
        return null;
    }
}
