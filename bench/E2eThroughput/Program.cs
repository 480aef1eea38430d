using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using VMessPlugins.Bench.E2eThroughput;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;

// Usage: E2eThroughput [MiB per run] [runs]. Prints single-connection upload and download MB/s for our
// chain and v2ray's (socks → vmess aes-128-gcm → vmess inbound → freedom → local sink/source), and the ratio.
var mebibytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 256;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var bytes = mebibytes * 1024L * 1024;
const string UserId = "b831381d-6324-4d53-ad4f-8cda48b30811";

await using var sink = new SinkSourceServer();
var results = new Dictionary<string, (double Up, double Down)>();
foreach (var chain in new[] { "v2ray", "ours" })
{
    var serverPort = FreePort.Tcp();
    var socksPort = FreePort.Tcp();
    await using var server = await StartServerAsync(chain, serverPort);
    await using var client = await StartClientAsync(chain, socksPort, serverPort);
    var proxy = new IPEndPoint(IPAddress.Loopback, socksPort);

    await MeasureAsync(proxy, sink.Port, 'U', 32L * 1024 * 1024); // warm-up: JIT, buffers, TCP windows
    await MeasureAsync(proxy, sink.Port, 'D', 32L * 1024 * 1024);
    var ups = new List<double>();
    var downs = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        ups.Add(await MeasureAsync(proxy, sink.Port, 'U', bytes));
        downs.Add(await MeasureAsync(proxy, sink.Port, 'D', bytes));
    }

    results[chain] = (Median(ups), Median(downs));
    Console.WriteLine($"{chain,-6} upload {results[chain].Up,8:F1} MB/s   download {results[chain].Down,8:F1} MB/s   (median of {runs} x {mebibytes} MiB; runs up: {string.Join(", ", ups.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}; down: {string.Join(", ", downs.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))})");
}

Console.WriteLine($"ratio ours/v2ray: upload {results["ours"].Up / results["v2ray"].Up:F2}x   download {results["ours"].Down / results["v2ray"].Down:F2}x   (target 1.5x)");
return 0;

static async Task<IAsyncDisposable> StartServerAsync(string chain, ushort port) => chain == "v2ray"
    ? await V2RayProcess.StartAsync(V2RayConfigs.VMessServer(port, UserId), [port])
    : await HostProcess.StartAsync(BenchConfigs.OurServer(port, UserId), [port]);

static async Task<IAsyncDisposable> StartClientAsync(string chain, ushort socksPort, ushort serverPort) => chain == "v2ray"
    ? await V2RayProcess.StartAsync(V2RayConfigs.SocksToVMess(socksPort, serverPort, UserId, "aes-128-gcm"), [socksPort])
    : await HostProcess.StartAsync(BenchConfigs.OurClient(socksPort, serverPort, UserId), [socksPort]);

static async Task<double> MeasureAsync(IPEndPoint proxy, ushort sinkPort, char direction, long count)
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

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
