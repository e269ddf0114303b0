namespace Weft.Market.Rfqs;

/// <summary>What an organization's inbox tells it about RFQs and deals.</summary>
public static class NoticeKinds
{
    public const string Invited = "rfq_invited";
    public const string Reminder = "rfq_reminder";
    public const string Extended = "rfq_extended";
    public const string QuestionAnswered = "rfq_question_answered";
    public const string QuotingClosed = "rfq_closed";
    public const string Awarded = "rfq_awarded";
    public const string NotAwarded = "rfq_not_awarded";
    public const string Lapsed = "rfq_lapsed";
    public const string DealDelivered = "deal_delivered";
    public const string Reviewed = "deal_reviewed";
    public const string Cancelled = "rfq_cancelled";
}
