namespace Weft.Flow.Automation;

/// <summary>
/// Thrown by a handler when trying again cannot help (a budget is spent, the input can never be accepted): the work item
/// goes to the manager inbox at once, with the message, instead of being retried.
/// </summary>
public sealed class WorkRefusedException : Exception
{
    public WorkRefusedException(string message) : base(message)
    {
    }

    public WorkRefusedException()
    {
    }

    public WorkRefusedException(string message, Exception inner) : base(message, inner)
    {
    }
}
