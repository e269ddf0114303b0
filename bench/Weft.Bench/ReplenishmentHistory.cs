using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Weft.Bench;

/// <summary>
/// What the replenishment measurement plans from, the same in every run (a fixed seed): per SKU a demand pattern, its
/// daily picks over the history, the stock left at the end, and its rule. A third of the SKUs sell steadily, a third
/// follow the seasons (a yearly wave and a weekly one), a third sell now and then (a few units on one day in four to
/// twenty). The stock left covers 0 to 40 days of the SKU's mean demand, so some rules order and some do not.
/// </summary>
internal sealed class ReplenishmentHistory
{
    public const string Steady = "steady", Seasonal = "seasonal", Intermittent = "intermittent";
    public const int Seed = 11;

    /// <summary>Seconds a setup statement over millions of rows may take on a busy machine (ADO.NET's default is 30).</summary>
    public const int LongCommand = 600;
    public const int Bins = 20;
    public const decimal UnitCost = 3m;
    private const int LinesPerBatch = 500; // a day's picks as the ledger would take them: moves of at most 500 lines

    public sealed record Sku(int Index, string Code, string Pattern, int[] Daily, int Closing, string Policy, int DemandDays, decimal Min, decimal Max,
        decimal Multiple, int ReviewDays)
    {
        public int Picked => Daily.Sum();

        public int Received => Picked + Closing;

        public int Bin => 1 + (Index % Bins);
    }

    public ReplenishmentHistory(int skus, int days)
    {
        Days = days;
        var random = new Random(Seed);
        var list = new List<Sku>(skus);
        for (var i = 0; i < skus; i++)
        {
            var pattern = (i % 3) switch { 0 => Steady, 1 => Seasonal, _ => Intermittent };
            var mean = 1 + random.NextDouble() * 19;
            var daily = new int[days];
            var phase = random.NextDouble() * 2 * Math.PI;
            var chance = 0.05 + random.NextDouble() * 0.2;
            for (var d = 0; d < days; d++)
            {
                // Day d is d + 1 days before today (daily[0] is yesterday).
                var q = pattern switch
                {
                    Steady => mean * (0.6 + 0.8 * random.NextDouble()),
                    Seasonal => mean * (1 + 0.6 * Math.Sin(2 * Math.PI * d / 365 + phase)) * (d % 7 is 0 or 1 ? 1.4 : 0.85) * (0.7 + 0.6 * random.NextDouble()),
                    _ => random.NextDouble() < chance ? 1 + random.Next(10) : 0,
                };
                daily[d] = (int)Math.Round(q);
            }
            var perDay = Math.Max(0.5, daily.Average());
            var closing = (int)Math.Round(perDay * random.NextDouble() * 40);
            var roll = random.Next(4);
            var policy = roll switch { 0 or 1 => "reorder_point", 2 => "min_max", _ => "order_up_to" };
            var demandDays = Math.Min(days, random.Next(3) switch { 0 => 90, 1 => 180, _ => 365 });
            var min = Math.Ceiling((decimal)perDay * 10);
            list.Add(new Sku(i, $"R-{i:D5}", pattern, daily, closing, policy, Math.Max(7, demandDays), min, min * 3, random.Next(2) == 0 ? 0 : 12,
                random.Next(2) == 0 ? 7 : 14));
        }
        Skus = list;
    }

    public int Days { get; }

    public IReadOnlyList<Sku> Skus { get; }

    public long Moves => Skus.Sum(s => s.Daily.Count(q => q > 0));

    /// <summary>
    /// Writes the picks straight into <c>commerce_moves</c> with the ledger's own columns (as <c>StockLedger</c> fills
    /// them: the bin to the customer location, at the moving average, which is the one receipt's cost), ids after the
    /// ledger's last, each day's picks in moves of 500 lines that share a batch; then sets each SKU's on-hand rows (its bin,
    /// and the variant's total) to what the ledger's moves add up to, so the ledger still reconciles.
    /// </summary>
    public async Task WriteAsync(DbConnection connection, long tenant, IReadOnlyDictionary<string, long> variants, IReadOnlyDictionary<int, long> bins,
        long customer, DateTime today)
    {
        var next = await ScalarLongAsync(connection, "SELECT COALESCE(MAX(id), 0) FROM commerce_moves") + 1;
        var rows = Rows(variants, bins, today, next);
        if (connection is NpgsqlConnection pg)
        {
            // COPY is refused on a table under row-level security: copied into a temporary table, then inserted under the policy.
            await ExecuteAsync(connection, "CREATE TEMP TABLE bench_picks AS SELECT * FROM commerce_moves WITH NO DATA");
            await using (var copy = await pg.BeginBinaryImportAsync(
                "COPY bench_picks (id, tenant_id, batch, variant_id, sku, from_location_id, to_location_id, quantity, lot, reason, reference, actor, at, unit_cost, value) FROM STDIN (FORMAT BINARY)"))
            {
                copy.Timeout = TimeSpan.FromSeconds(LongCommand);
                foreach (var r in rows)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(r.Batch, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(r.Variant, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(r.Sku, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.From, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(customer, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(r.Quantity, NpgsqlDbType.Numeric);
                    await copy.WriteAsync("", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("pick", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.Reference, NpgsqlDbType.Varchar);
                    await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(UnitCost, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(r.Quantity * UnitCost, NpgsqlDbType.Numeric);
                }
                await copy.CompleteAsync();
            }
            await ExecuteAsync(connection, $"INSERT INTO commerce_moves ({Columns}) SELECT {Columns} FROM bench_picks; DROP TABLE bench_picks");
            await ExecuteAsync(connection, "SELECT setval(pg_get_serial_sequence('commerce_moves', 'id'), (SELECT MAX(id) FROM commerce_moves))");
        }
        else
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO commerce_moves (id, tenant_id, batch, variant_id, sku, from_location_id, to_location_id, quantity, lot, reason, reference, actor, at, unit_cost, value) " +
                "VALUES (@id, @tenant, @batch, @variant, @sku, @from, @to, @quantity, '', 'pick', @reference, 'bench', @at, @cost, @value)";
            var p = new Dictionary<string, DbParameter>();
            foreach (var name in new[] { "@id", "@tenant", "@batch", "@variant", "@sku", "@from", "@to", "@quantity", "@reference", "@at", "@cost", "@value" })
            {
                var parameter = cmd.CreateParameter();
                parameter.ParameterName = name;
                cmd.Parameters.Add(parameter);
                p[name] = parameter;
            }
            (p["@tenant"].Value, p["@to"].Value, p["@cost"].Value) = (tenant, customer, UnitCost);
            await cmd.PrepareAsync();
            foreach (var r in rows)
            {
                (p["@id"].Value, p["@batch"].Value, p["@variant"].Value, p["@sku"].Value, p["@from"].Value) = (r.Id, r.Batch, r.Variant, r.Sku, r.From);
                (p["@quantity"].Value, p["@reference"].Value, p["@at"].Value, p["@value"].Value) = (r.Quantity, r.Reference, r.At, r.Quantity * UnitCost);
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }

        // What is left of each SKU after its receipt and picks: its bin's row and the variant's total.
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using var stock = connection.CreateCommand();
            stock.Transaction = tx;
            stock.CommandText = "UPDATE commerce_stock SET on_hand = @left WHERE tenant_id = @tenant AND variant_id = @variant AND location_id = @bin AND lot = ''; " +
                "UPDATE commerce_variants SET on_hand = @left WHERE tenant_id = @tenant AND id = @variant";
            var left = Add(stock, "@left");
            Add(stock, "@tenant").Value = tenant;
            var variant = Add(stock, "@variant");
            var bin = Add(stock, "@bin");
            foreach (var s in Skus)
            {
                (left.Value, variant.Value, bin.Value) = ((decimal)s.Closing, variants[s.Code], bins[s.Bin]);
                await stock.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
    }

    private const string Columns = "id, tenant_id, batch, variant_id, sku, from_location_id, to_location_id, quantity, lot, reason, reference, actor, at, unit_cost, value";

    private readonly record struct Row(long Id, long Batch, long Variant, string Sku, long From, decimal Quantity, string Reference, DateTime At);

    /// <summary>The picks, oldest day first; within a day SKU after SKU, each at its own minute of the working day.</summary>
    private IEnumerable<Row> Rows(IReadOnlyDictionary<string, long> variants, IReadOnlyDictionary<int, long> bins, DateTime today, long next)
    {
        var id = next;
        for (var ago = Days; ago >= 1; ago--)
        {
            var day = today.AddDays(-ago);
            var reference = $"sales-{day:yyyyMMdd}";
            long batch = 0;
            var lines = 0;
            foreach (var s in Skus)
            {
                var q = s.Daily[ago - 1];
                if (q <= 0) continue;
                if (lines++ % LinesPerBatch == 0) batch = id;
                yield return new Row(id++, batch, variants[s.Code], s.Code, bins[s.Bin], q, reference,
                    DateTime.SpecifyKind(day.AddHours(8).AddSeconds(s.Index % 36_000), DateTimeKind.Utc));
            }
        }
    }

    private static DbParameter Add(DbCommand cmd, string name)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        cmd.Parameters.Add(p);
        return p;
    }

    internal static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = LongCommand;
        await cmd.ExecuteNonQueryAsync();
    }

    internal static async Task<long> ScalarLongAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = LongCommand;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
