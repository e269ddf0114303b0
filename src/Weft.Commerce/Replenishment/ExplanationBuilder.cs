namespace Weft.Commerce.Replenishment;

/// <summary>Collects an explanation while a calculation runs, so that each number is written down where it is computed.</summary>
internal sealed class ExplanationBuilder
{
    private readonly List<ExplanationInput> inputs = [];
    private readonly List<ExplanationStep> steps = [];
    private readonly List<string> whyRounded = [];

    public ExplanationBuilder Input(string symbol, string meaning, string value)
    {
        inputs.Add(new ExplanationInput(symbol, meaning, value));
        return this;
    }

    public ExplanationBuilder Step(string label, string formula, string numbers, string result)
    {
        steps.Add(new ExplanationStep(label, formula, numbers, result));
        return this;
    }

    public ExplanationBuilder Rounded(string? why)
    {
        if (why is not null) whyRounded.Add(why);
        return this;
    }

    public Explanation Build() => new([.. inputs], [.. steps], [.. whyRounded]);
}
