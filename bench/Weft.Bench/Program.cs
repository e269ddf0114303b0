using Weft.Bench;

// Prints, in one run on one database configuration, the raw durable-transaction rate, the engine's
// work-item completion rate in process and over HTTP on loopback, and their ratios.
if (BenchOptions.Parse(args, out var error) is not { } options)
{
    if (error.Length > 0) Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return error.Length > 0 ? 2 : 0;
}
return await BenchRun.RunAsync(options);
