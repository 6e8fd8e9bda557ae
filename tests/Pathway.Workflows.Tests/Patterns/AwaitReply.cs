using Pathway.Workflows.ActivityModel;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>
/// A test activity waiting for a reply addressed to it: the shape partner tasks build on, and proof that a new
/// blocking activity is one small class.
/// </summary>
[Activity("AwaitReply", DisplayName = "Attendre une réponse", Category = "Tests", Blocking = true)]
[Outcome(Outcomes.Done, "Répondu")]
public sealed class AwaitReply : Activity
{
    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Wait(BookmarkRequest.ForReply(Outcomes.Done, "reply"));
}
