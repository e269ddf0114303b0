using Microsoft.EntityFrameworkCore;
using Weft.Market.Visibility;
using Weft.Platform.Persistence;

namespace Weft.Market.Persistence;

/// <summary>
/// A marketplace's organizations and everything they trade. Besides the tenant, every query is filtered to what its
/// <see cref="Viewer"/> may see (<see cref="MarketVisibility"/>): that one place decides what an organization sees.
/// </summary>
internal sealed class MarketDbContext(DbContextOptions<MarketDbContext> options) : ModuleDbContext(options)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<MarketDbContext>("market", "market_migrations");

    public DbSet<OrganizationRecord> Organizations => Set<OrganizationRecord>();
    public DbSet<MemberRecord> Members => Set<MemberRecord>();
    public DbSet<RfqRecord> Rfqs => Set<RfqRecord>();
    public DbSet<RfqLineRecord> RfqLines => Set<RfqLineRecord>();
    public DbSet<RfqInvitationRecord> RfqInvitations => Set<RfqInvitationRecord>();
    public DbSet<RfqQuestionRecord> RfqQuestions => Set<RfqQuestionRecord>();
    public DbSet<QuoteRecord> Quotes => Set<QuoteRecord>();
    public DbSet<QuoteLineRecord> QuoteLines => Set<QuoteLineRecord>();
    public DbSet<AwardRecord> Awards => Set<AwardRecord>();
    public DbSet<NoticeRecord> Notices => Set<NoticeRecord>();
    public DbSet<FreightRateRecord> FreightRates => Set<FreightRateRecord>();
    public DbSet<CurrencyRateRecord> CurrencyRates => Set<CurrencyRateRecord>();
    public DbSet<AuctionRecord> Auctions => Set<AuctionRecord>();
    public DbSet<AuctionParticipantRecord> AuctionParticipants => Set<AuctionParticipantRecord>();
    public DbSet<BidRecord> Bids => Set<BidRecord>();
    public DbSet<SupplierProfileRecord> SupplierProfiles => Set<SupplierProfileRecord>();
    public DbSet<SupplierProductRecord> SupplierProducts => Set<SupplierProductRecord>();
    public DbSet<CertificationRecord> Certifications => Set<CertificationRecord>();
    public DbSet<SupplierDocumentRecord> SupplierDocuments => Set<SupplierDocumentRecord>();
    public DbSet<SupplierDocumentContentRecord> SupplierDocumentContents => Set<SupplierDocumentContentRecord>();
    public DbSet<ApplicationRecord> Applications => Set<ApplicationRecord>();
    public DbSet<DealRecord> Deals => Set<DealRecord>();
    public DbSet<ReviewRecord> Reviews => Set<ReviewRecord>();
    public DbSet<RfqFileRecord> RfqFiles => Set<RfqFileRecord>();
    public DbSet<RfqFileContentRecord> RfqFileContents => Set<RfqFileContentRecord>();
    public DbSet<ThreadRecord> Threads => Set<ThreadRecord>();
    public DbSet<ThreadMessageRecord> ThreadMessages => Set<ThreadMessageRecord>();
    public DbSet<MessageAttachmentRecord> MessageAttachments => Set<MessageAttachmentRecord>();
    public DbSet<MessageAttachmentContentRecord> MessageAttachmentContents => Set<MessageAttachmentContentRecord>();
    public DbSet<MeetingRecord> Meetings => Set<MeetingRecord>();
    public DbSet<MeetingMailRecord> MeetingMails => Set<MeetingMailRecord>();
    public DbSet<MarketSettingsRecord> Settings => Set<MarketSettingsRecord>();

    private MarketViewer viewer = MarketViewer.Nobody;

    /// <summary>Who the context's queries answer for; set right after it is opened (nobody until then).</summary>
    public MarketViewer Viewer
    {
        get => viewer;
        set
        {
            viewer = value;
            SeesEverything = value.Kind == MarketViewerKind.System;
            IsStaff = value.Kind is MarketViewerKind.Staff or MarketViewerKind.System;
            ViewerOrganization = value.Kind == MarketViewerKind.Member ? value.Organization : -1;
        }
    }

    // What the filters read (EF Core reads them from the context running the query): flat values, so each filter is plain SQL.
    internal bool SeesEverything { get; private set; }
    internal bool IsStaff { get; private set; }
    internal long ViewerOrganization { get; private set; } = -1;

    protected override void BuildModel(ModelBuilder b)
    {
        OrganizationRecord.Build(b);
        MemberRecord.Build(b);
        RfqRecord.Build(b);
        RfqLineRecord.Build(b);
        RfqInvitationRecord.Build(b);
        RfqQuestionRecord.Build(b);
        QuoteRecord.Build(b);
        QuoteLineRecord.Build(b);
        AwardRecord.Build(b);
        NoticeRecord.Build(b);
        FreightRateRecord.Build(b);
        CurrencyRateRecord.Build(b);
        AuctionRecord.Build(b);
        AuctionParticipantRecord.Build(b);
        BidRecord.Build(b);
        SupplierProfileRecord.Build(b);
        SupplierProductRecord.Build(b);
        CertificationRecord.Build(b);
        SupplierDocumentRecord.Build(b);
        SupplierDocumentContentRecord.Build(b);
        ApplicationRecord.Build(b);
        DealRecord.Build(b);
        ReviewRecord.Build(b);
        RfqFileRecord.Build(b);
        RfqFileContentRecord.Build(b);
        ThreadRecord.Build(b);
        ThreadMessageRecord.Build(b);
        MessageAttachmentRecord.Build(b);
        MessageAttachmentContentRecord.Build(b);
        MeetingRecord.Build(b);
        MeetingMailRecord.Build(b);
        MarketSettingsRecord.Build(b);
        MarketVisibility.Apply(b, this);
    }

    protected override void ForgetLease()
    {
        Viewer = MarketViewer.Nobody;
        base.ForgetLease();
    }
}
