namespace Weft.Support.Conversations;

/// <summary>What kind of ticket a conversation is (as help desks type them); none until someone sets it.</summary>
internal static class ConversationTypes
{
    public const string Question = "question";
    public const string Incident = "incident";
    public const string Problem = "problem";
    public const string Task = "task";

    public static readonly IReadOnlyList<string> All = [Question, Incident, Problem, Task];
}
