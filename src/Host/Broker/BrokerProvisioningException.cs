namespace Pathway.Host.Broker;

/// <summary>Provisioning cannot go on; the message says why in words an operator can act on, never with a password.</summary>
internal sealed class BrokerProvisioningException(string message, Exception? inner = null) : Exception(message, inner);
