namespace Weft.AI.Agents;

/// <summary>An AI agent's limits as a form holds them while they are edited; empty is no value given.</summary>
public sealed class LimitsForm
{
    public double? Temperature { get; set; }
    public int? MaxOutputTokens { get; set; }
    public decimal? BudgetPerRun { get; set; }
    public decimal? BudgetPerDay { get; set; }

    public static LimitsForm Of(AgentProfileDto profile) => new()
    {
        Temperature = profile.Temperature,
        MaxOutputTokens = profile.MaxOutputTokens,
        BudgetPerRun = profile.BudgetPerRun,
        BudgetPerDay = profile.BudgetPerDay,
    };

    public bool SameAs(AgentProfileDto profile) =>
        Temperature == profile.Temperature && MaxOutputTokens == profile.MaxOutputTokens && BudgetPerRun == profile.BudgetPerRun && BudgetPerDay == profile.BudgetPerDay;
}
