using System.Text.Json.Nodes;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;

namespace Weft.Support.Answering;

/// <summary>
/// The flow each turn of a conversation runs through (a turn: the customer's messages until someone answers them):
/// Weft's support desk agent triages it (intent, language, sentiment, priority, the SLA's reply deadline) and picks the
/// route the tenant's AI policy gives the intent; on the AI route an AI agent answers from its knowledge in a schema
/// (reply, confidence, summary), a second agent checks it where the policy asks, and the desk delivers the answer with
/// its citations, or hands the conversation over with the summary; a person's reply, due by the SLA on business hours
/// and escalated when missed, ends the turn. Every step is a work item: durable, visible in the control center.
/// </summary>
internal static class SupportFlow
{
    public const string Graph = "support-conversation";
    public const string Agent = "support-desk";

    public const string Triage = "triage";
    public const string Answer = "ai-answer";
    public const string Check = "ai-check";
    public const string Deliver = "deliver";
    public const string Reply = "reply";

    /// <summary>What Weft's own desk agent does.</summary>
    public const string Triaging = "support-triage";
    public const string Delivering = "support-delivery";

    /// <summary>What the tenant's AI agents are registered with to answer and to check answers.</summary>
    public const string Answering = "support-answering";
    public const string Verifying = "support-verification";

    /// <summary>The capability of the people who answer customers, and of those missed replies escalate to by default.</summary>
    public const string People = "support";
    public const string Leads = "support-lead";

    public static readonly JsonObject AnswerSchema = JsonNode.Parse("""
        {"type":"object","properties":{
          "reply":{"type":"string","description":"The answer to the customer, in their language, citing the knowledge used as [n]."},
          "confidence":{"type":"number","minimum":0,"maximum":1,"description":"How sure you are the reply is right and complete."},
          "summary":{"type":"string","description":"Two or three sentences for a colleague taking over: what the customer wants and what is known."},
          "needsPerson":{"type":"boolean","description":"True when a person should answer: the knowledge does not cover it, or the customer asks for one."}},
         "required":["reply","confidence","summary","needsPerson"]}
        """)!.AsObject();

    public static readonly JsonObject CheckSchema = JsonNode.Parse("""
        {"type":"object","properties":{
          "verdict":{"type":"string","enum":["approved","rejected"]},
          "issues":{"type":"array","items":{"type":"string"}}},
         "required":["verdict"]}
        """)!.AsObject();

    public static GraphDefinition Definition { get; } = new()
    {
        Nodes =
        [
            new NodeDefinition { Key = "start", Type = NodeType.Start, Name = "Customer wrote" },
            new NodeDefinition { Key = Triage, Type = NodeType.Task, Name = "Triage", Capability = Triaging, Assignment = AssignmentMode.Auto },
            new NodeDefinition { Key = "ai-route", Type = NodeType.Decision, Name = "AI answers?", DecisionField = "useAi" },
            new NodeDefinition
            {
                Key = Answer, Type = NodeType.Task, Name = "Answer from knowledge", Capability = Answering, Assignment = AssignmentMode.Auto,
                KnowledgeQueryField = "question", OutputSchema = AnswerSchema,
                Instructions = """
                    You answer a customer of ours. The conversation so far is in the data ('transcript'); answer the customer's latest
                    message ('question') from the knowledge you are given, citing each source you use as [n]. Answer in the customer's
                    language ('language'). Never invent policies, prices or dates the knowledge does not state: if it does not answer the
                    question, or the customer asks for a person, set needsPerson and say so briefly in the reply. Give an honest
                    confidence, and a summary a colleague could take over with.
                    """,
            },
            new NodeDefinition { Key = "verify-route", Type = NodeType.Decision, Name = "Checked first?", DecisionField = "verify" },
            new NodeDefinition
            {
                Key = Check, Type = NodeType.Task, Name = "Check the answer", Capability = Verifying, Assignment = AssignmentMode.Auto, OutputSchema = CheckSchema,
                KnowledgeQueryField = "question",
                Instructions = """
                    Check the drafted reply ('reply') to the customer's message ('question') against the knowledge you are given.
                    Approve it only if every statement in it is supported and it answers what was asked; otherwise reject it and list the issues.
                    """,
            },
            new NodeDefinition { Key = Deliver, Type = NodeType.Task, Name = "Deliver or hand over", Capability = Delivering, Assignment = AssignmentMode.Auto },
            new NodeDefinition
            {
                // Assigned by the engine to a person of the conversation's team, one who speaks its language first when one is free.
                Key = Reply, Type = NodeType.Task, Name = "Reply to the customer", Capability = People, Assignment = AssignmentMode.Auto,
                RequireField = Routing.RoutingCapabilities.TeamField, PreferField = Routing.RoutingCapabilities.LanguageField,
                DeadlineField = "replyDue", EscalateToCapability = Leads,
                Instructions = "Read the conversation and the summary, and reply to the customer. Replying in the conversation completes this step.",
            },
            new NodeDefinition { Key = "answered", Type = NodeType.End, Name = "AI answered" },
            new NodeDefinition { Key = "replied", Type = NodeType.End, Name = "A person replied" },
        ],
        Edges =
        [
            new EdgeDefinition { From = "start", To = Triage },
            new EdgeDefinition { From = Triage, To = "ai-route" },
            new EdgeDefinition { From = "ai-route", To = Answer, Outcome = "yes" },
            new EdgeDefinition { From = "ai-route", To = Reply, IsDefault = true },
            new EdgeDefinition { From = Answer, To = "verify-route" },
            new EdgeDefinition { From = "verify-route", To = Check, Outcome = "yes" },
            new EdgeDefinition { From = "verify-route", To = Deliver, IsDefault = true },
            new EdgeDefinition { From = Check, To = Deliver },
            new EdgeDefinition { From = Deliver, To = "answered", Outcome = "delivered" },
            new EdgeDefinition { From = Deliver, To = Reply, Outcome = "handover" },
            new EdgeDefinition { From = Reply, To = "replied" },
        ],
    };

    /// <summary>Makes (or updates) the graph and the desk agent for the tenant; two hosts at once: one makes them.</summary>
    public static async Task EnsureAsync(FlowEngine engine, CancellationToken ct)
    {
        var system = new CommandContext("support");
        await FlowSetup.EnsureGraphAsync(engine, system, Graph, "Support: triage, AI answer, hand over, reply", Definition, ct);
        await FlowSetup.EnsureAgentAsync(engine, system, new RegisterAgentRequest(Agent, "Support desk", "service",
            [new CapabilityDto(Triaging), new CapabilityDto(Delivering)], 100, "available", AgentTiers.Essential, StarterAgents.DeskDescription), ct);
    }

    /// <summary>The job of a conversation's next turn.</summary>
    public static StartJobRequest Turn(long conversation, long number, int turn) =>
        new(Graph, null, 1, $"C{number}-{turn}", 0, null, new JsonObject { ["conversation"] = conversation, ["number"] = number, ["turn"] = turn });
}
