using System.Collections.Concurrent;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using Xunit.Abstractions;

namespace Weft.Host.Tests;

/// <summary>
/// The inbound flow survives its host being killed with SIGKILL: once right after the delivery was received (the
/// software agent's sampling due or under way), once between two putaways. Each restarted host carries the flow on
/// from where the database says it is, and at the end every unit is where it should be, each move written once.
/// </summary>
public sealed class ReceivingAcrossAKill(ITestOutputHelper log)
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Weft__Automation__LeaseSeconds"] = "5",
        ["Weft__Automation__PollMilliseconds"] = "100",
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_host_killed_mid_flow_and_restarted_loses_nothing_and_repeats_nothing(string provider)
    {
        var output = new ConcurrentQueue<string>();
        await using var database = await TestDatabases.CreateAsync(provider);
        ChildHost? host = null;
        try
        {
            host = await ChildHost.StartAsync(database, output, settings: Settings);
            var adminKey = host.AdminKey;
            var admin = new WeftCaller(host.Client);
            var order = await InboundScenario.SetUpAsync(admin);
            var ritaKey = await InboundScenario.PersonKeyAsync(admin);
            var asn = await InboundScenario.NoticeAsync(admin, order, DateTime.UtcNow.Date.AddHours(14));
            await InboundScenario.ReceiveAsync(new WeftCaller(host.CreateClient(ritaKey)), asn);
            // Acknowledged: the receipt is committed. Killed before or while the software agent samples it.
            await host.KillAsync();
            log.WriteLine($"Killed the first host (pid {host.ProcessId}) right after the receipt.");
            await host.DisposeAsync();

            host = await ChildHost.StartAsync(database, output, adminKey, Settings);
            admin = new WeftCaller(host.Client);
            var rita = new WeftCaller(host.CreateClient(ritaKey));
            var atInspection = await InboundScenario.AtStepAsync(admin, asn, "inspect", () => Task.CompletedTask);
            await InboundScenario.InspectAsync(rita, atInspection);
            var atPutaway = await InboundScenario.AtStepAsync(admin, asn, "putaway", () => Task.CompletedTask);
            var tasks = atPutaway["putaway"]!.AsArray();
            tasks.Count.ShouldBe(3);
            await rita.OkAsync(HttpMethod.Post, $"/api/v1/commerce/asns/{asn}/putaways/{tasks[0]!["id"]}/confirm", new { bin = tasks[0]!["to"]!.GetValue<string>() });
            await host.KillAsync();
            log.WriteLine($"Killed the second host (pid {host.ProcessId}) between two putaways.");
            await host.DisposeAsync();

            host = await ChildHost.StartAsync(database, output, adminKey, Settings);
            admin = new WeftCaller(host.Client);
            rita = new WeftCaller(host.CreateClient(ritaKey));
            var resumed = await admin.OkAsync(HttpMethod.Get, $"/api/v1/commerce/asns/{asn}");
            resumed["putaway"]!.AsArray().Select(t => t!["state"]!.GetValue<string>()).ShouldBe(["done", "open", "open"]);
            foreach (var task in resumed["putaway"]!.AsArray().Where(t => t!["state"]!.GetValue<string>() == "open"))
                await rita.OkAsync(HttpMethod.Post, $"/api/v1/commerce/asns/{asn}/putaways/{task!["id"]}/confirm", new { bin = task["to"]!.GetValue<string>() });
            await InboundScenario.ShouldBeStoredAsync(admin, asn, order);
        }
        catch
        {
            foreach (var line in output) log.WriteLine(line);
            throw;
        }
        finally
        {
            if (host is not null) await host.DisposeAsync();
        }
    }
}
