using Pathway.Activities.Contracts;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Tasks;

/// <summary>One-way information to a partner (e.g. the coordinator informed of each stage): sent with the file's
/// commit, no answer awaited. Carries only the file's data it declares.</summary>
[Activity("Notify", DisplayName = "Informer un partenaire", Category = "Partenaires",
    Description = "Envoie une information au partenaire, sans attendre de réponse.")]
[Outcome(Outcomes.Done, "Envoyée")]
public sealed class Notify : Activity
{
    [Input(InputKind.Partner, DisplayName = "Partenaire", Required = true)]
    public string Partner { get; init; } = "";

    [Input(InputKind.Text, DisplayName = "Objet", Required = true)]
    public string Subject { get; init; } = "";

    [Input(InputKind.Text, DisplayName = "Message")]
    public string? Text { get; init; }

    [Input(InputKind.VariableList, DisplayName = "Données transmises",
        Description = "Les seules données du dossier que le partenaire reçoit (information strictement nécessaire, CASF L226-2-2).")]
    public IReadOnlyList<string>? Fields { get; init; }

    public override ActivityResult Execute(ActivityContext context)
    {
        Outgoing.Send(context, Partner, MessageTypes.Information, new InformationMessage
        {
            FileRef = context.FileId, Subject = Subject, Text = Text, Stage = context.Node.Stage, Data = Outgoing.Data(context, Fields),
            SentAt = WireJson.Time(context.Now),
        });
        return ActivityResult.Outcome(Outcomes.Done);
    }

    public override IEnumerable<InputProblem> Validate(ValidationScope scope)
    {
        if (string.IsNullOrWhiteSpace(Subject))
            yield return new InputProblem("/subject", "input.required", "The information needs a subject.");
    }
}
