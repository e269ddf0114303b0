using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;

namespace Weft.Commerce.Persistence;

/// <summary>A tenant's catalog, warehouses and their locations, and the stock ledger.</summary>
internal sealed class CommerceDbContext(DbContextOptions<CommerceDbContext> options) : ModuleDbContext(options)
{
    public static ModuleStore Tables { get; } = ModuleStore.Of<CommerceDbContext>("commerce", "commerce_migrations");

    public DbSet<ProductRecord> Products => Set<ProductRecord>();
    public DbSet<VariantRecord> Variants => Set<VariantRecord>();
    public DbSet<WarehouseRecord> Warehouses => Set<WarehouseRecord>();
    public DbSet<LocationRecord> Locations => Set<LocationRecord>();
    public DbSet<StockRecord> Stock => Set<StockRecord>();
    public DbSet<MoveRecord> Moves => Set<MoveRecord>();
    public DbSet<ReservationRecord> Reservations => Set<ReservationRecord>();
    public DbSet<CountRecord> Counts => Set<CountRecord>();
    public DbSet<CountLineRecord> CountLines => Set<CountLineRecord>();
    public DbSet<SupplierRecord> Suppliers => Set<SupplierRecord>();
    public DbSet<SupplierProductRecord> SupplierProducts => Set<SupplierProductRecord>();
    public DbSet<ReplenishmentRuleRecord> ReplenishmentRules => Set<ReplenishmentRuleRecord>();
    public DbSet<SuggestionRecord> Suggestions => Set<SuggestionRecord>();
    public DbSet<PurchaseOrderRecord> PurchaseOrders => Set<PurchaseOrderRecord>();
    public DbSet<PurchaseOrderLineRecord> PurchaseOrderLines => Set<PurchaseOrderLineRecord>();
    public DbSet<AsnRecord> Asns => Set<AsnRecord>();
    public DbSet<AsnLineRecord> AsnLines => Set<AsnLineRecord>();
    public DbSet<ReceiptLineRecord> ReceiptLines => Set<ReceiptLineRecord>();
    public DbSet<QcRuleRecord> QcRules => Set<QcRuleRecord>();
    public DbSet<QcCheckRecord> QcChecks => Set<QcCheckRecord>();
    public DbSet<SupplierReturnRecord> SupplierReturns => Set<SupplierReturnRecord>();
    public DbSet<PutawayRuleRecord> PutawayRules => Set<PutawayRuleRecord>();
    public DbSet<PutawayTaskRecord> PutawayTasks => Set<PutawayTaskRecord>();

    protected override void BuildModel(ModelBuilder b)
    {
        const int Quantity = 18, QuantityScale = 4, Money = 18, MoneyScale = 6;
        b.Entity<ProductRecord>(e =>
        {
            e.ToTable("commerce_products");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.Category });
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Category).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(16);
            e.Property(x => x.Tracking).HasMaxLength(8);
        });
        b.Entity<VariantRecord>(e =>
        {
            e.ToTable("commerce_variants");
            e.HasIndex(x => new { x.TenantId, x.Sku }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.Barcode }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.ProductId });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.AttributesJson).HasMaxLength(2000);
            e.Property(x => x.Barcode).HasMaxLength(14);
            e.Property(x => x.Currency).HasMaxLength(3);
            foreach (var p in new[] { nameof(VariantRecord.WeightGrams), nameof(VariantRecord.LengthMm), nameof(VariantRecord.WidthMm), nameof(VariantRecord.HeightMm) })
                e.Property(p).HasPrecision(Quantity, QuantityScale - 1);
            e.Property(x => x.Cost).HasPrecision(Money, MoneyScale);
            e.Property(x => x.Price).HasPrecision(Money, MoneyScale);
            e.Property(x => x.AverageCost).HasPrecision(Money, MoneyScale);
            e.Property(x => x.OnHand).HasPrecision(Quantity, QuantityScale);
        });
        b.Entity<WarehouseRecord>(e =>
        {
            e.ToTable("commerce_warehouses");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Address).HasMaxLength(1000);
        });
        b.Entity<LocationRecord>(e =>
        {
            e.ToTable("commerce_locations");
            e.HasIndex(x => new { x.TenantId, x.Path }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.WarehouseId, x.ParentId });
            e.Property(x => x.Path).HasMaxLength(300);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Type).HasMaxLength(16);
            e.Property(x => x.Capacity).HasPrecision(Quantity, QuantityScale);
        });
        b.Entity<StockRecord>(e =>
        {
            e.ToTable("commerce_stock");
            e.HasIndex(x => new { x.TenantId, x.VariantId, x.LocationId, x.Lot }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.LocationId });
            e.Property(x => x.Lot).HasMaxLength(64);
            e.Property(x => x.OnHand).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.Reserved).HasPrecision(Quantity, QuantityScale);
        });
        b.Entity<ReservationRecord>(e =>
        {
            e.ToTable("commerce_reservations");
            e.HasIndex(x => new { x.TenantId, x.VariantId, x.State });
            e.HasIndex(x => new { x.TenantId, x.Reference });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Lot).HasMaxLength(64);
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Quantity).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.Reserved).HasPrecision(Quantity, QuantityScale);
        });
        b.Entity<CountRecord>(e =>
        {
            e.ToTable("commerce_counts");
            e.HasIndex(x => new { x.TenantId, x.State, x.Id });
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.CountedBy).HasMaxLength(256);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.Note).HasMaxLength(1000);
        });
        b.Entity<CountLineRecord>(e =>
        {
            e.ToTable("commerce_count_lines");
            e.HasIndex(x => new { x.TenantId, x.CountId });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Lot).HasMaxLength(64);
            e.Property(x => x.Expected).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.Counted).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.Variance).HasPrecision(Quantity, QuantityScale);
        });
        b.Entity<SupplierRecord>(e =>
        {
            e.ToTable("commerce_suppliers");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ContactName).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.Address).HasMaxLength(1000);
            e.Property(x => x.Currency).HasMaxLength(3);
        });
        b.Entity<SupplierProductRecord>(e =>
        {
            e.ToTable("commerce_supplier_products");
            e.HasIndex(x => new { x.TenantId, x.SupplierId, x.VariantId }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.VariantId });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.SupplierSku).HasMaxLength(64);
            e.Property(x => x.PriceBreaksJson).HasMaxLength(4000);
            e.Property(x => x.UnitPrice).HasPrecision(Money, MoneyScale);
            e.Property(x => x.MinimumOrder).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.PackSize).HasPrecision(Quantity, QuantityScale);
        });
        b.Entity<ReplenishmentRuleRecord>(e =>
        {
            e.ToTable("commerce_replenishment_rules");
            e.HasIndex(x => new { x.TenantId, x.VariantId, x.WarehouseId }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.WarehouseId });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Policy).HasMaxLength(16);
            foreach (var p in new[] { nameof(ReplenishmentRuleRecord.Min), nameof(ReplenishmentRuleRecord.Max), nameof(ReplenishmentRuleRecord.Multiple) })
                e.Property(p).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.OrderingCost).HasPrecision(Money, MoneyScale);
            e.Property(x => x.HoldingRate).HasPrecision(Money, MoneyScale);
        });
        b.Entity<SuggestionRecord>(e =>
        {
            e.ToTable("commerce_suggestions");
            e.HasIndex(x => new { x.TenantId, x.State, x.Id });
            e.HasIndex(x => new { x.TenantId, x.Run });
            e.HasIndex(x => new { x.TenantId, x.VariantId, x.WarehouseId, x.State });
            e.Property(x => x.Run).HasMaxLength(64);
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Policy).HasMaxLength(16);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            foreach (var p in new[] { nameof(SuggestionRecord.Position), nameof(SuggestionRecord.ReorderLevel), nameof(SuggestionRecord.Wanted), nameof(SuggestionRecord.Quantity) })
                e.Property(p).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.UnitPrice).HasPrecision(Money, MoneyScale);
            e.Property(x => x.Amount).HasPrecision(Money, MoneyScale);
        });
        b.Entity<PurchaseOrderRecord>(e =>
        {
            e.ToTable("commerce_purchase_orders");
            e.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.State, x.Id });
            e.HasIndex(x => new { x.TenantId, x.SupplierId, x.Id });
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.ApprovedBy).HasMaxLength(256);
            e.Property(x => x.SentTo).HasMaxLength(254);
            e.Property(x => x.SendError).HasMaxLength(1000);
            e.Property(x => x.Total).HasPrecision(Money, MoneyScale);
        });
        b.Entity<PurchaseOrderLineRecord>(e =>
        {
            e.ToTable("commerce_purchase_order_lines");
            e.HasIndex(x => new { x.TenantId, x.OrderId });
            e.HasIndex(x => new { x.TenantId, x.VariantId });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.SupplierSku).HasMaxLength(64);
            e.Property(x => x.Quantity).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.Received).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.UnitPrice).HasPrecision(Money, MoneyScale);
            e.Property(x => x.Amount).HasPrecision(Money, MoneyScale);
        });
        b.Entity<AsnRecord>(e =>
        {
            e.ToTable("commerce_asns");
            e.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.State, x.ExpectedAt });
            e.HasIndex(x => new { x.TenantId, x.PurchaseOrderId });
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.ReceivedBy).HasMaxLength(256);
        });
        b.Entity<AsnLineRecord>(e =>
        {
            e.ToTable("commerce_asn_lines");
            e.HasIndex(x => new { x.TenantId, x.AsnId });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Lot).HasMaxLength(64);
            e.Property(x => x.Quantity).HasPrecision(Quantity, QuantityScale);
        });
        b.Entity<ReceiptLineRecord>(e =>
        {
            e.ToTable("commerce_receipt_lines");
            e.HasIndex(x => new { x.TenantId, x.AsnId });
            e.HasIndex(x => new { x.TenantId, x.VariantId, x.Id });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Lot).HasMaxLength(64);
            e.Property(x => x.Discrepancies).HasMaxLength(100);
            e.Property(x => x.Qc).HasMaxLength(16);
            foreach (var p in new[] { nameof(ReceiptLineRecord.Expected), nameof(ReceiptLineRecord.Received), nameof(ReceiptLineRecord.Damaged),
                         nameof(ReceiptLineRecord.QcSample), nameof(ReceiptLineRecord.PutAway) })
                e.Property(p).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.UnitCost).HasPrecision(Money, MoneyScale);
        });
        b.Entity<QcRuleRecord>(e =>
        {
            e.ToTable("commerce_qc_rules");
            e.HasIndex(x => new { x.TenantId, x.ProductId }).IsUnique();
            e.Property(x => x.Rule).HasMaxLength(16);
            e.Property(x => x.ChecksJson).HasMaxLength(8000);
        });
        b.Entity<QcCheckRecord>(e =>
        {
            e.ToTable("commerce_qc_checks");
            e.HasIndex(x => new { x.TenantId, x.SupplierId });
            e.HasIndex(x => new { x.TenantId, x.ReceiptLineId });
            e.Property(x => x.Lot).HasMaxLength(64);
            e.Property(x => x.ResultsJson).HasMaxLength(8000);
            e.Property(x => x.Inspector).HasMaxLength(256);
        });
        b.Entity<SupplierReturnRecord>(e =>
        {
            e.ToTable("commerce_supplier_returns");
            e.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.State, x.Id });
            e.HasIndex(x => new { x.TenantId, x.AsnId });
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Lot).HasMaxLength(64);
            e.Property(x => x.Reason).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.Quantity).HasPrecision(Quantity, QuantityScale);
        });
        b.Entity<PutawayRuleRecord>(e =>
        {
            e.ToTable("commerce_putaway_rules");
            e.HasIndex(x => new { x.TenantId, x.Kind, x.Sku, x.Category }).IsUnique();
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Category).HasMaxLength(200);
        });
        b.Entity<PutawayTaskRecord>(e =>
        {
            e.ToTable("commerce_putaway_tasks");
            e.HasIndex(x => new { x.TenantId, x.AsnId });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Lot).HasMaxLength(64);
            e.Property(x => x.Rule).HasMaxLength(16);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.DoneBy).HasMaxLength(256);
            e.Property(x => x.Quantity).HasPrecision(Quantity, QuantityScale);
        });
        b.Entity<MoveRecord>(e =>
        {
            e.ToTable("commerce_moves");
            e.HasIndex(x => new { x.TenantId, x.VariantId, x.Id });
            e.HasIndex(x => new { x.TenantId, x.FromLocationId, x.Id });
            e.HasIndex(x => new { x.TenantId, x.ToLocationId, x.Id });
            e.HasIndex(x => new { x.TenantId, x.Batch });
            // Replenishment reads a window of picks: by reason and time, not by walking every move of the tenant.
            e.HasIndex(x => new { x.TenantId, x.Reason, x.At });
            e.Property(x => x.Sku).HasMaxLength(64);
            e.Property(x => x.Lot).HasMaxLength(64);
            e.Property(x => x.Reason).HasMaxLength(16);
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Quantity).HasPrecision(Quantity, QuantityScale);
            e.Property(x => x.UnitCost).HasPrecision(Money, MoneyScale);
            e.Property(x => x.Value).HasPrecision(Money, MoneyScale);
        });
    }
}
