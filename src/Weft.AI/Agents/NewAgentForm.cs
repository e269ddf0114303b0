namespace Weft.AI.Agents;

/// <summary>What the new-agent wizard holds across its steps, and which step each field the rules name is on.</summary>
public sealed class NewAgentForm
{
    public static readonly IReadOnlyList<string> Steps = ["Identity", "Model chain", "Persona", "Review"];

    public const int Identity = 0;
    public const int Chain = 1;
    public const int Persona = 2;
    public const int Review = 3;

    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Capabilities { get; set; }
    public int? WipLimit { get; set; } = 1;
    public IReadOnlyList<string> Models { get; set; } = [];
    public LimitsForm Limits { get; } = new();
    public string? Instructions { get; set; }

    public bool HasInstructions => !string.IsNullOrWhiteSpace(Instructions);

    public CreateAgentProfileRequest Request() =>
        new(null, Description, Models, Limits.Temperature, Limits.MaxOutputTokens, Limits.BudgetPerRun, Limits.BudgetPerDay,
            new NewAiAgentRequest(Key?.Trim(), Name?.Trim(), CapabilityText.Parse(Capabilities), WipLimit));

    /// <summary>The step of a field as the rules name it (<c>newAgent.name</c>, <c>models</c>, <c>instructions</c>).</summary>
    public static int StepOf(string field) => field switch
    {
        "description" => Identity,
        "instructions" => Persona,
        _ when field.StartsWith("newAgent", StringComparison.Ordinal) => Identity,
        _ => Chain,
    };
}
