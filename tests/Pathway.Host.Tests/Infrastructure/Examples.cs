namespace Pathway.Host.Tests.Infrastructure;

/// <summary>Definition documents for the tests.</summary>
internal static class Examples
{
    /// <summary>The smallest valid definition: Start, then End.</summary>
    public static string Minimal(string id = "minimal", int version = 1, string name = "Le plus court", string endType = "End") => $$"""
        {
          "id": "{{id}}",
          "version": {{version}},
          "name": "{{name}}",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "end", "type": "{{endType}}" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "end" }
          ]
        }
        """;
}
