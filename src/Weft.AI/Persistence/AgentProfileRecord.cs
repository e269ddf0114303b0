using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>What makes a Flow agent of kind <c>ai</c> an AI agent: its model chain and limits.</summary>
internal sealed class AgentProfileRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>The Flow agent's key (kind <c>ai</c>).</summary>
    public string AgentKey { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Model keys of the catalogue, primary first, as a JSON array.</summary>
    public string ModelChainJson { get; set; } = "[]";
    /// <summary>Keys of the knowledge bases it answers from, as a JSON array.</summary>
    public string KnowledgeJson { get; set; } = "[]";
    /// <summary>How many times one run may let the model call tools (search the knowledge) before it must answer.</summary>
    public int MaxToolRounds { get; set; } = 3;
    public double? Temperature { get; set; }
    public int? MaxOutputTokens { get; set; }
    /// <summary>US dollars one run may spend; null: no limit.</summary>
    public decimal? BudgetPerRun { get; set; }
    /// <summary>US dollars the agent's runs may spend in a UTC day; null: no limit.</summary>
    public decimal? BudgetPerDay { get; set; }
    /// <summary>The persona version its runs use (<see cref="PersonaRecord.Number"/>); null: no instructions yet.</summary>
    public int? ActivePersona { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
