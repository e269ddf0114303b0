using System.Text;

namespace Weft.Commerce.Replenishment;

/// <summary>How a suggestion was reached: the inputs, each step's formula and numbers, and why the quantity was rounded.</summary>
internal sealed record Explanation(IReadOnlyList<ExplanationInput> Inputs, IReadOnlyList<ExplanationStep> Steps, IReadOnlyList<string> WhyRounded)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var input in Inputs) text.Append(input.Symbol).Append(" = ").Append(input.Value).Append(" (").Append(input.Meaning).Append(")\n");
        foreach (var step in Steps)
            text.Append(step.Label).Append(": ").Append(step.Formula).Append(" = ").Append(step.Numbers).Append(" = ").Append(step.Result).Append('\n');
        foreach (var line in WhyRounded) text.Append(line).Append('\n');
        return text.ToString();
    }
}
