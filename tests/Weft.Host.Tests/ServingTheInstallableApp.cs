using System.Net;
using System.Text.RegularExpressions;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// The installable app's service worker and offline page: served to anyone (the sign-in page registers the worker),
/// never from a cache without asking (the worker names its version, an unchanged one is a 304), and the worker keeps
/// only the static shell and the offline page.
/// </summary>
public sealed partial class ServingTheInstallableApp
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_service_worker_is_served_to_anyone_with_its_version_and_asked_for_afresh(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var anonymous = api.CreateClient();

        using var worker = await anonymous.GetAsync("/service-worker.js");
        var script = await worker.Content.ReadAsStringAsync();
        worker.StatusCode.ShouldBe(HttpStatusCode.OK);
        worker.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        worker.Headers.CacheControl!.NoCache.ShouldBeTrue();
        var etag = worker.Headers.ETag.ShouldNotBeNull();
        script.ShouldContain($"const VERSION = '{etag.Tag.Trim('"')}';");
        // What it keeps: the shell's static files, and the offline page.
        var shell = Shell().Match(script).Groups[1].Value.Split(',').Select(p => p.Trim('"')).ToList();
        shell.ShouldNotBeEmpty();
        shell.ShouldAllBe(path => path.StartsWith("/_content/") || path.StartsWith("/_framework/"));
        script.ShouldContain("const OFFLINE = '/offline';");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/service-worker.js");
        again.Headers.IfNoneMatch.Add(etag);
        using var unchanged = await anonymous.SendAsync(again);
        unchanged.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_offline_page_is_served_to_anyone_and_names_nobody(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var anonymous = api.CreateClient();

        using var offline = await anonymous.GetAsync("/offline");
        offline.StatusCode.ShouldBe(HttpStatusCode.OK);
        offline.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        offline.Headers.CacheControl!.NoCache.ShouldBeTrue();
        var page = await offline.Content.ReadAsStringAsync();
        page.ShouldContain("<h1>Weft is out of reach</h1>");
        page.ShouldNotContain(WeftApi.AdminEmail);
    }

    [GeneratedRegex(@"const SHELL = \[(.*)\];")]
    private static partial Regex Shell();
}
