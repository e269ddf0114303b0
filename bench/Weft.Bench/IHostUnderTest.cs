namespace Weft.Bench;

/// <summary>A running Weft host that <see cref="HttpDriver"/> talks to over loopback: its own process, or this one.</summary>
internal interface IHostUnderTest : IAsyncDisposable
{
    Uri Address { get; }

    /// <summary>The bootstrap admin's password (<see cref="HostProcess.AdminEmail"/>), new for each run.</summary>
    string AdminPassword { get; }

    /// <summary>Processor time the host has used, beyond this process's own (none when it runs in this process).</summary>
    TimeSpan CpuTime();
}
