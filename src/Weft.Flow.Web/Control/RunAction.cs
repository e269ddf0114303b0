namespace Weft.Flow.Web.Control;

/// <summary>What a manager does to an item from the Run board.</summary>
public enum RunVerb
{
    Assign,
    Requeue,
    Cancel,
}

public sealed record RunAction(RunCard Card, RunVerb Verb);
