using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.Bench.E2eThroughput;

/// <summary>Runs bench/ideal-relay (a bare C relay pair used as a lower bound on cost) and kills it on dispose.</summary>
internal sealed class IdealRelayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private IdealRelayProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public static async Task<IdealRelayProcess> StartAsync(string binary, ushort listenPort, params string[] arguments)
    {
        var info = new ProcessStartInfo(binary) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var relay = new IdealRelayProcess(Process.Start(info) ?? throw new InvalidOperationException($"{binary} did not start"));
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!await CanConnectAsync(listenPort))
        {
            if (relay._process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                await relay.DisposeAsync();
                throw new InvalidOperationException($"{binary} did not open port {listenPort}");
            }

            await timer.WaitForNextTickAsync();
        }

        return relay;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<bool> CanConnectAsync(ushort port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
