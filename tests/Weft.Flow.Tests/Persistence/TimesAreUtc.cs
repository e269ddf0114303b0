using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Persistence;
using Weft.Testing;

namespace Weft.Flow.Tests.Persistence;

/// <summary>
/// Every time column goes to the database as it is and comes back marked UTC, through the typed expressions EF Core
/// compiles into queries and through the untyped conversions it applies to parameters and values (ModelConventions).
/// </summary>
public sealed class TimesAreUtc
{
    private static readonly DateTime Unmarked = new(2026, 5, 6, 7, 8, 9, 123, DateTimeKind.Unspecified);

    [Fact]
    public async Task The_untyped_conversions_agree_with_the_typed_ones_for_times_and_optional_times()
    {
        await using var database = await TestDatabases.CreateAsync("sqlite");
        await using var services = await FlowStoreServices.StartAsync(database.Options);
        await using var db = services.GetRequiredService<IDbContextFactory<FlowDbContext>>().CreateDbContext();
        foreach (var (entity, name, optional) in new[]
                 { (typeof(AgentRecord), nameof(AgentRecord.CreatedAt), false), (typeof(WorkItemRecord), nameof(WorkItemRecord.AssignedAt), true) })
        {
            var property = db.Model.FindEntityType(entity)!.FindProperty(name)!;
            property.ClrType.ShouldBe(optional ? typeof(DateTime?) : typeof(DateTime));
            var converter = property.GetValueConverter()!;

            var written = converter.ConvertToProvider(Unmarked).ShouldBeOfType<DateTime>();
            (written, written.Kind).ShouldBe((Unmarked, DateTimeKind.Unspecified));
            var read = converter.ConvertFromProvider(Unmarked).ShouldBeOfType<DateTime>();
            (read, read.Kind).ShouldBe((Unmarked, DateTimeKind.Utc));

            // The typed expressions say the same.
            var typedRead = converter.ConvertFromProviderExpression.Compile().DynamicInvoke(optional ? (DateTime?)Unmarked : Unmarked);
            ((DateTime)typedRead!).Kind.ShouldBe(DateTimeKind.Utc);
            if (optional)
            {
                converter.ConvertToProvider(null).ShouldBeNull();
                converter.ConvertFromProvider(null).ShouldBeNull();
            }
        }
    }
}
