using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using VMessPlugins.Bench.E2eThroughput;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;

// Usage: E2eThroughput [MiB per run] [runs]. Prints single-connection upload and download MB/s for our
// chain and v2ray's (socks → vmess aes-128-gcm → vmess inbound → freedom → local sink/source), and the ratio.
// CONNECTIONS=n splits each run over n connections at once and prints their aggregate MB/s instead.
var connections = int.TryParse(Environment.GetEnvironmentVariable("CONNECTIONS"), CultureInfo.InvariantCulture, out var n) && n > 1 ? n : 1;
var mebibytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 256;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var bytes = mebibytes * 1024L * 1024;
const string UserId = "b831381d-6324-4d53-ad4f-8cda48b30811";
const int WarmUpWaves = 4;
const int WarmUpConnectionsPerWave = 60;

var results = new Dictionary<string, (double Up, double Down)>();
var cpuPerGb = new Dictionary<string, (double Up, double Down)>();
await using var sink = new SinkSourceServer();

// OURS_ENV="NAME=value;..." sets runtime knobs for our host processes only: they inherit this process's
// environment, while this process (and its sink) already read theirs when the sink started.
var oursEnvironment = (Environment.GetEnvironmentVariable("OURS_ENV") ?? "")
    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(pair => pair.Split('=', 2))
    .Where(pair => pair.Length == 2)
    .ToArray();
// IDEAL_RELAY=path adds a third chain, bench/ideal-relay: a bare C relay pair with the same cipher and
// chunking, as a lower bound on what any proxy pair costs on this machine.
var idealRelay = Environment.GetEnvironmentVariable("IDEAL_RELAY") is { Length: > 0 } idealPath ? idealPath : null;
var chains = idealRelay is null ? new[] { "v2ray", "ours" } : new[] { "v2ray", "ours", "ideal" };
var proxies = new Dictionary<string, IPEndPoint>();
var pids = chains.ToDictionary(c => c, _ => new List<int>());
var processes = new List<IAsyncDisposable>();
var samples = chains.ToDictionary(c => c, _ => (Up: new List<double>(), Down: new List<double>()));
try
{
    foreach (var chain in chains)
    {
        var serverPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        foreach (var pair in oursEnvironment)
        {
            Environment.SetEnvironmentVariable(pair[0], chain == "ours" ? pair[1] : null);
        }

        var server = await StartServerAsync(chain, serverPort);
        processes.Add(server);
        var client = await StartClientAsync(chain, socksPort, serverPort);
        processes.Add(client);
        pids[chain].Add(PidOf(server));
        pids[chain].Add(PidOf(client));
        proxies[chain] = new IPEndPoint(IPAddress.Loopback, socksPort);
    }

    foreach (var pair in oursEnvironment)
    {
        Environment.SetEnvironmentVariable(pair[0], null);
        Console.WriteLine($"our host processes run with {pair[0]}={pair[1]}");
    }

    if (connections > 1)
    {
        Console.WriteLine($"each run is split over {connections} connections at once; MB/s are their aggregate");
    }

    var cpu = chains.ToDictionary(c => c, _ => (Up: 0.0, Down: 0.0));
    var userCpu = chains.ToDictionary(c => c, _ => 0.0);
    var switches = chains.ToDictionary(c => c, _ => 0L);
    // Warm-up. Short connections first, in waves a second apart: a .NET host compiles its per-connection code
    // (handshake, routing, stats) again at higher tiers after it has run a few dozen times, in steps that
    // each wait for calls to settle (tier 0, then an instrumented tier, then the optimized one). Left to the
    // measured runs, which open two connections each, that took them 30 s and about 8% of our processes'
    // CPU on this 2-vCPU machine (perf). A long-running server has done it long before; v2ray is compiled
    // ahead of time. Then bulk transfers for pools and TCP windows.
    for (var wave = 0; wave < WarmUpWaves; wave++)
    {
        foreach (var chain in chains)
        {
            for (var i = 0; i < WarmUpConnectionsPerWave; i++)
            {
                await MeasureAsync(proxies[chain], sink.Port, i % 2 == 0 ? 'U' : 'D', 64 * 1024);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    foreach (var chain in chains)
    {
        await MeasureAsync(proxies[chain], sink.Port, 'U', 32L * 1024 * 1024);
        await MeasureAsync(proxies[chain], sink.Port, 'D', 32L * 1024 * 1024);
    }

    Console.Error.WriteLine($"warm-up done at {DateTime.Now:HH:mm:ss}");
    // Interleaved, so that a busy machine slows both chains alike.
    for (var i = 0; i < runs; i++)
    {
        foreach (var chain in chains)
        {
            var before = CpuOf(pids[chain]);
            var userBefore = pids[chain].Sum(ProcessCpu.UserSeconds);
            var switchesBefore = pids[chain].Sum(ProcessCpu.ContextSwitches);
            samples[chain].Up.Add(await MeasureAsync(proxies[chain], sink.Port, 'U', bytes));
            cpu[chain] = (cpu[chain].Up + CpuOf(pids[chain]) - before, cpu[chain].Down);
            userCpu[chain] += pids[chain].Sum(ProcessCpu.UserSeconds) - userBefore;
            switches[chain] += pids[chain].Sum(ProcessCpu.ContextSwitches) - switchesBefore;
        }

        foreach (var chain in chains)
        {
            var before = CpuOf(pids[chain]);
            var switchesBefore = pids[chain].Sum(ProcessCpu.ContextSwitches);
            samples[chain].Down.Add(await MeasureAsync(proxies[chain], sink.Port, 'D', bytes));
            cpu[chain] = (cpu[chain].Up, cpu[chain].Down + CpuOf(pids[chain]) - before);
            switches[chain] += pids[chain].Sum(ProcessCpu.ContextSwitches) - switchesBefore;
        }
    }

    foreach (var chain in chains)
    {
        var (ups, downs) = samples[chain];
        results[chain] = (Median(ups), Median(downs));
        var gigabytes = runs * bytes / 1e9;
        cpuPerGb[chain] = (cpu[chain].Up / gigabytes, cpu[chain].Down / gigabytes);
        Console.WriteLine($"{chain,-6} upload {results[chain].Up,8:F1} MB/s   download {results[chain].Down,8:F1} MB/s   (median of {runs} x {mebibytes} MiB; up: {Join(ups)}; down: {Join(downs)})");
        Console.WriteLine($"{"",-6} CPU of client+server: upload {cpuPerGb[chain].Up:F2} s/GB   download {cpuPerGb[chain].Down:F2} s/GB   (upload user-mode part {userCpu[chain] / gigabytes:F2} s/GB)");
        Console.WriteLine($"{"",-6} context switches of client+server: {switches[chain] / (2 * gigabytes) / 1000:F1} thousand per GB");
    }
}
finally
{
    foreach (var process in processes)
    {
        await process.DisposeAsync();
    }
}

Console.WriteLine($"ratio ours/v2ray: upload {results["ours"].Up / results["v2ray"].Up:F2}x   download {results["ours"].Down / results["v2ray"].Down:F2}x   (target 1.5x)");
// The machine's speed drifts between runs; a run's two chains ran seconds apart, so the median of each run's
// own ratio is steadier than the ratio of the medians.
Console.WriteLine($"ratio ours/v2ray, median of each run's ratio: upload {PairedRatio("ours", "v2ray", s => s.Up):F2}x   download {PairedRatio("ours", "v2ray", s => s.Down):F2}x");
Console.WriteLine($"CPU per byte v2ray/ours: upload {cpuPerGb["v2ray"].Up / cpuPerGb["ours"].Up:F2}x   download {cpuPerGb["v2ray"].Down / cpuPerGb["ours"].Down:F2}x   (higher is better for us)");
if (results.ContainsKey("ideal"))
{
    Console.WriteLine($"ratio ideal/v2ray: upload {results["ideal"].Up / results["v2ray"].Up:F2}x   download {results["ideal"].Down / results["v2ray"].Down:F2}x   (the bound for any relay with this cipher here)");
    Console.WriteLine($"CPU per byte v2ray/ideal: upload {cpuPerGb["v2ray"].Up / cpuPerGb["ideal"].Up:F2}x   download {cpuPerGb["v2ray"].Down / cpuPerGb["ideal"].Down:F2}x");
    Console.WriteLine($"ratio ours/ideal, median of each run's ratio: upload {PairedRatio("ours", "ideal", s => s.Up):F2}x   download {PairedRatio("ours", "ideal", s => s.Down):F2}x");
}
return 0;

double PairedRatio(string chain, string baseline, Func<(List<double> Up, List<double> Down), List<double>> direction) =>
    Median(direction(samples[chain]).Zip(direction(samples[baseline]), (ours, theirs) => ours / theirs).ToList());

static int PidOf(IAsyncDisposable process) => process switch
{
    V2RayProcess v2ray => v2ray.ProcessId,
    HostProcess host => ProcessCpu.FindByCommandLine(host.ConfigPath),
    IdealRelayProcess ideal => ideal.ProcessId,
    _ => throw new ArgumentException("unknown process"),
};

static double CpuOf(List<int> pids) => pids.Sum(ProcessCpu.Seconds);

async Task<IAsyncDisposable> StartServerAsync(string chain, ushort port) => chain switch
{
    "v2ray" => await V2RayProcess.StartAsync(V2RayConfigs.VMessServer(port, UserId), [port]),
    "ideal" => await IdealRelayProcess.StartAsync(idealRelay!, port, "server", Text(port)),
    _ => await HostProcess.StartAsync(BenchConfigs.OurServer(port, UserId), [port]),
};

async Task<IAsyncDisposable> StartClientAsync(string chain, ushort socksPort, ushort serverPort) => chain switch
{
    "v2ray" => await V2RayProcess.StartAsync(V2RayConfigs.SocksToVMess(socksPort, serverPort, UserId, "aes-128-gcm"), [socksPort]),
    "ideal" => await IdealRelayProcess.StartAsync(idealRelay!, socksPort, "client", Text(socksPort), Text(serverPort)),
    _ => await HostProcess.StartAsync(BenchConfigs.OurClient(socksPort, serverPort, UserId), [socksPort]),
};

static string Text(ushort port) => port.ToString(CultureInfo.InvariantCulture);

async Task<double> MeasureAsync(IPEndPoint proxy, ushort sinkPort, char direction, long count)
{
    if (connections == 1)
    {
        return await MeasureOneAsync(proxy, sinkPort, direction, count);
    }

    var clock = Stopwatch.StartNew();
    var share = count / connections;
    await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => MeasureOneAsync(proxy, sinkPort, direction, share)));
    return share * connections / clock.Elapsed.TotalSeconds / 1e6;
}

static async Task<double> MeasureOneAsync(IPEndPoint proxy, ushort sinkPort, char direction, long count)
{
    await using var stream = await Socks5Client.ConnectAsync(proxy, "127.0.0.1", sinkPort);
    var head = new byte[9];
    head[0] = (byte)direction;
    BinaryPrimitives.WriteUInt64BigEndian(head.AsSpan(1), (ulong)count);
    var buffer = new byte[256 * 1024];
    Random.Shared.NextBytes(buffer);
    var clock = Stopwatch.StartNew();
    await stream.WriteAsync(head);
    if (direction == 'U')
    {
        for (var left = count; left > 0;)
        {
            var size = (int)Math.Min(buffer.Length, left);
            await stream.WriteAsync(buffer.AsMemory(0, size));
            left -= size;
        }

        if (await stream.ReadAsync(buffer.AsMemory(0, 1)) != 1)
        {
            throw new InvalidOperationException("upload was not acknowledged");
        }
    }
    else
    {
        for (var left = count; left > 0;)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)));
            if (read == 0)
            {
                throw new InvalidOperationException($"download ended {left} bytes early");
            }

            left -= read;
        }
    }

    return count / clock.Elapsed.TotalSeconds / 1e6;
}

static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
