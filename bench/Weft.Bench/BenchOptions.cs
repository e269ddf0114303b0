namespace Weft.Bench;

internal sealed record BenchOptions(string Provider, string? Connection, int Seconds, int Clients, IReadOnlySet<string> Parts, bool Statements = false, int Rounds = 3, int? Skus = null, int Days = 365, int Conversations = 500, int Rate = 100, int LiveSeconds = 20,
    int Watchers = 500, int BidRate = 10)
{
    /// <summary>The measurements a run can make, in the order it makes them.</summary>
    public static readonly string[] AllParts = ["raw", "engine", "automated", "http", "pages", "gateway", "retrieval", "ledger", "replenishment", "triage", "support-live", "auction-live"];

    public bool Runs(string part) => Parts.Contains(part);

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Weft.Bench [-- options]
          --provider sqlite|postgres   database (default sqlite, in a temporary folder)
          --connection "<conn>"        PostgreSQL server to create scratch databases on
                                       (default: the WEFT_TEST_POSTGRES variable)
          --seconds N                  length of each measurement, 1-60 (default 5)
          --clients N                  concurrent clients of the second measurement, 2-32 (default 4)
          --rounds N                   measure everything N times in turn, 1-9 (default 3); a figure is
                                       its median round's, a ratio the median of the rounds' ratios
          --only a,b                   measure only these of raw, engine, automated, http, pages, gateway,
                                       retrieval (default all; ratios need both of their figures); gateway:
                                       the OpenAI-compatible endpoint's overhead over a fake provider;
                                       retrieval: knowledge search's recall on BANKING77 (shared/data); ledger: stock
                                       moves/s; replenishment: a planning run over --skus rules and --days of picks;
                                       triage: the intent classifier on BANKING77 and CLINC150 (shared/data);
                                       support-live: customer messages through the widget's WebSocket to a live
                                       agent screen, messages/s and delivery latency; auction-live: bids
                                       accepted and pushed to --watchers SignalR connections on one auction
          --skus N                     ledger: SKUs its moves spread over, 10-20,000 (default 1,000);
                                       replenishment: SKUs with a rule and a pick history (default 10,000)
          --days N                     replenishment: days of pick history per SKU, 7-730 (default 365)
          --conversations N            support-live: open widget chats, each its own WebSocket, 1-2,000 (default 500)
          --rate N                     support-live: customer messages offered per second, 1-5,000 (default 100);
                                       measured for --seconds when given, else 20 s, after 5 s to warm up
          --watchers N                 auction-live: SignalR connections watching the auction, 1-5,000 (default 500)
          --bid-rate N                 auction-live: bids placed per second, 1-200 (default 10), for --seconds
                                       when given, else 20 s, after 3 s to warm up
          --statements                 also list the SQL statements of the one-client engine
                                       measurement: per command, and their mean time
        """;

    public TimeSpan Duration => TimeSpan.FromSeconds(Seconds);

    public TimeSpan Warmup => TimeSpan.FromSeconds(Math.Clamp(Seconds / 3.0, 1, 5));

    public static BenchOptions? Parse(string[] args, out string error)
    {
        string provider = "sqlite";
        string? connection = null;
        int seconds = 5, clients = 4, rounds = 3, days = 365, conversations = 500, rate = 100, watchers = 500, bidRate = 10;
        int? liveSeconds = null;
        int? skus = null;
        var statements = false;
        HashSet<string> parts = [.. AllParts];
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--provider" when value is "sqlite" or "postgres":
                    provider = value;
                    break;
                case "--connection" when !string.IsNullOrWhiteSpace(value):
                    connection = value;
                    break;
                case "--seconds" when int.TryParse(value, out var s) && s is >= 1 and <= 60:
                    seconds = s;
                    liveSeconds = s;
                    break;
                case "--conversations" when int.TryParse(value, out var n) && n is >= 1 and <= 2_000:
                    conversations = n;
                    break;
                case "--rate" when int.TryParse(value, out var m) && m is >= 1 and <= 5_000:
                    rate = m;
                    break;
                case "--watchers" when int.TryParse(value, out var w) && w is >= 1 and <= 5_000:
                    watchers = w;
                    break;
                case "--bid-rate" when int.TryParse(value, out var b) && b is >= 1 and <= 200:
                    bidRate = b;
                    break;
                case "--clients" when int.TryParse(value, out var c) && c is >= 2 and <= 32:
                    clients = c;
                    break;
                case "--rounds" when int.TryParse(value, out var r) && r is >= 1 and <= 9:
                    rounds = r;
                    break;
                case "--skus" when int.TryParse(value, out var k) && k is >= 10 and <= 20_000:
                    skus = k;
                    break;
                case "--days" when int.TryParse(value, out var d) && d is >= 7 and <= 730:
                    days = d;
                    break;
                case "--only" when value is not null && value.Split(',') is var named && named.All(AllParts.Contains):
                    parts = [.. named];
                    break;
                case "--statements":
                    statements = true;
                    continue;
                case "-h" or "--help":
                    error = "";
                    return null;
                default:
                    error = value is null ? $"'{args[i]}' is not an option or lacks its value." : $"'{args[i]} {value}' is not understood.";
                    return null;
            }
            i++;
        }
        if (provider == "postgres")
        {
            connection ??= Environment.GetEnvironmentVariable("WEFT_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(connection))
            {
                error = "--provider postgres needs --connection or the WEFT_TEST_POSTGRES variable.";
                return null;
            }
        }
        error = "";
        return new BenchOptions(provider, connection, seconds, clients, parts, statements, rounds, skus, days, conversations, rate, liveSeconds ?? 20, watchers, bidRate);
    }
}
