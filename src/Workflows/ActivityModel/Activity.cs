using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// An activity: one small declarative class. Its inputs are init-only properties marked
/// <see cref="InputAttribute"/>, bound once per definition from the node's <c>inputs</c>; its metadata
/// (<see cref="ActivityAttribute"/>, <see cref="OutcomeAttribute"/>) feeds validation and the designer's palette.
/// Activities never do I/O: they read and set variables, and say what should happen (an outcome, a wait, an
/// effect to send). The interpreter decides everything about tokens; the host sends the effects.
/// </summary>
public abstract class Activity
{
    /// <summary>Runs when a token arrives.</summary>
    public abstract ActivityResult Execute(ActivityContext context);

    /// <summary>Runs when one of the bookmarks this activity waits on is resumed. By default, completes with
    /// the outcome the bookmark was created with.</summary>
    public virtual ActivityResult Resume(ActivityContext context, Resumption resumption) =>
        ActivityResult.Outcome(resumption.Bookmark.Outcome ?? Outcomes.Done);

    /// <summary>Runs when the activity's token is withdrawn while waiting (another branch won, the task or the file
    /// was cancelled), so the activity can tell whoever it was waiting for. It may only emit effects.</summary>
    public virtual void Withdrawn(ActivityContext context, IReadOnlyList<Bookmark> waiting, string reason)
    {
    }

    /// <summary>The outcomes of this configured activity. By default the declared <see cref="OutcomeAttribute"/>s;
    /// activities whose outcomes depend on their inputs (Fork branches, Switch cases) override it.</summary>
    public virtual IReadOnlyList<string> GetOutcomes() => ActivityCatalog.StaticOutcomesOf(GetType());

    /// <summary>Checks that inputs alone cannot express (e.g. "exactly one of duration or at").
    /// Pointers are relative to the activity's <c>inputs</c> object.</summary>
    public virtual IEnumerable<InputProblem> Validate(ValidationScope scope) => [];
}

/// <summary>Well-known outcome names.</summary>
public static class Outcomes
{
    public const string Done = "done";
}

/// <summary>A problem with an activity's inputs; <see cref="Pointer"/> is relative to its <c>inputs</c>, e.g. <c>/duration</c>.</summary>
public sealed record InputProblem(string Pointer, string Code, string Message);

/// <summary>What an activity may know while validating itself: the file's declared variables, and the partner
/// registry when the validator has one.</summary>
public sealed record ValidationScope(IReadOnlyDictionary<string, Definitions.VariableDefinition> Variables)
{
    public IPartnerDirectory? Partners { get; init; }
}
