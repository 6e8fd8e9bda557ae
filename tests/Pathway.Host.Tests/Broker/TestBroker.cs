namespace Pathway.Host.Tests.Broker;

/// <summary>
/// The RabbitMQ server the tests use, as ./test.sh announces it: an administrator's AMQP URI and the management
/// API's base URL (same credentials). The tests fail, never skip, without it.
/// </summary>
internal static class TestBroker
{
    public const string AmqpVariable = "PATHWAY_TEST_RABBITMQ";
    public const string ManagementVariable = "PATHWAY_TEST_RABBITMQ_MANAGEMENT";

    public static Uri Amqp => new(Required(AmqpVariable, "an administrator's AMQP URI (amqp://user:password@127.0.0.1:5672/)"));

    public static Uri Management => new(Required(ManagementVariable, "the management API's base URL (http://127.0.0.1:15672/)"));

    public static string AdminUser => Uri.UnescapeDataString(Amqp.UserInfo.Split(':', 2)[0]);

    public static string AdminPassword => Uri.UnescapeDataString(Amqp.UserInfo.Split(':', 2)[1]);

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run the tests with ./test.sh, which starts a private RabbitMQ, or set it to {what}.");
}
