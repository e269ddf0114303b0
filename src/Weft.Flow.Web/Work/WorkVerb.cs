namespace Weft.Flow.Web.Work;

/// <summary>What a person does to a work item from My work.</summary>
public enum WorkVerb
{
    Claim,
    Start,
    Pause,
    Resume,
    Complete,
}
