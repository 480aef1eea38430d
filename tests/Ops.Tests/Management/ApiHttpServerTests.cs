using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Host.Management.Http;

namespace VMessPlugins.Tests.Ops.Tests.Management;

/// <summary>The management API's own HTTP server, spoken to over raw sockets and with HttpClient.</summary>
public sealed class ApiHttpServerTests : IAsyncLifetime
{
    private const int MaxBody = 1024;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly List<ApiRequest> _seen = [];
    private ApiHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new ApiHttpServer(new IPEndPoint(IPAddress.Loopback, 0), MaxBody, EchoAsync, NullLogger.Instance, TimeSpan.FromMilliseconds(500));
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Request_SplitIntoPieces_IsReadWhole_AndTheAnswerEndsWithFin()
    {
        var body = "{\"a\":1}";
        var answer = await ExchangeAsync(
            [$"POST /users?inbound=in%20one&flag HTTP/1.1\r\nHost: x\r\nAuthor", "ization: Bearer t\r\nContent-Length: 7\r\n\r\n{\"a\"", ":1}"]);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer);
        Assert.Contains("Connection: close\r\n", answer);
        Assert.EndsWith("\r\n\r\n" + body, answer);
        var request = Assert.Single(_seen);
        Assert.Equal(("POST", "/users", "Bearer t", body), (request.Method, request.Path, request.Authorization, Encoding.UTF8.GetString(request.Body)));
        Assert.Equal("in one", request.QueryValue("inbound"));
        Assert.Equal("true", request.QueryValue("flag"));
    }

    [Fact]
    public async Task ExpectContinue_GetsAnInterimAnswer_BeforeTheBodyIsSent()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, "POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        var interim = new byte[64];
        var read = await socket.ReceiveAsync(interim, SocketFlags.None, _timeout.Token);
        Assert.Equal("HTTP/1.1 100 Continue\r\n\r\n", Encoding.ASCII.GetString(interim, 0, read));

        await SendAsync(socket, "{}");
        var answer = await ReadToEndAsync(socket);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer);
        Assert.EndsWith("{}", answer);
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n", "400 Bad Request", "the request line is not")]
    [InlineData("GET nowhere HTTP/1.1\r\n\r\n", "400 Bad Request", "cannot read the request target")]
    [InlineData("POST /x HTTP/1.1\r\nContent-Length: ten\r\n\r\n", "400 Bad Request", "Content-Length \\u0022ten\\u0022 is not a number")]
    [InlineData("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "411 Length Required", "Transfer-Encoding is not served")]
    [InlineData("POST /x HTTP/1.1\r\nContent-Length: 1025\r\n\r\n", "413 Content Too Large", "the body is larger than 1024 bytes")]
    public async Task BadRequests_AreAnsweredWithAStatusAndAReason(string request, string status, string reason)
    {
        var answer = await ExchangeAsync([request]);

        Assert.StartsWith($"HTTP/1.1 {status}\r\n", answer);
        Assert.Contains(reason, answer);
        Assert.Empty(_seen);
    }

    [Fact]
    public async Task HeadLargerThanTheLimit_Is431()
    {
        var answer = await ExchangeAsync(["GET /x HTTP/1.1\r\nX-Filler: " + new string('a', ApiHttpServer.MaxHeadBytes)]);

        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", answer);
    }

    [Fact]
    public async Task HandlerFailure_Is500NamingIt_AndTheServerGoesOn()
    {
        var answer = await ExchangeAsync(["GET /throw HTTP/1.1\r\n\r\n"]);

        Assert.StartsWith("HTTP/1.1 500 Internal Server Error\r\n", answer);
        Assert.Contains("the request failed inside the host: handler broke", answer);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", await ExchangeAsync(["GET /x HTTP/1.1\r\n\r\n"]));
    }

    [Fact]
    public async Task SilentOrSlowPeers_AreClosedAfterTheDeadline_WithoutAnAnswer()
    {
        using var silent = await ConnectAsync();
        using var slow = await ConnectAsync();
        await SendAsync(slow, "GET /x HTT");

        Assert.Equal("", await ReadToEndAsync(silent));
        Assert.Equal("", await ReadToEndAsync(slow));
        Assert.Empty(_seen);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", await ExchangeAsync(["GET /x HTTP/1.1\r\n\r\n"]));
    }

    [Fact]
    public async Task ManyClientsAtOnce_AllGetTheirWholeAnswer()
    {
        var address = new Uri($"http://127.0.0.1:{_server.LocalEndPoint.Port}/");
        var requests = Enumerable.Range(0, 40).Select(async i =>
        {
            // A client per request, as the CLI makes: each on its own connection.
            using var client = new HttpClient { BaseAddress = address };
            using var response = await client.PostAsync($"n{i}", new StringContent(new string('x', i * 20)), _timeout.Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(_timeout.Token), i);
        });

        foreach (var (status, body, i) in await Task.WhenAll(requests))
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(new string('x', i * 20), body);
        }
    }

    private Task<ApiResponse> EchoAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Path == "/throw")
        {
            throw new InvalidOperationException("handler broke");
        }

        lock (_seen)
        {
            _seen.Add(request);
        }

        return Task.FromResult(new ApiResponse(HttpStatusCode.OK, request.Body));
    }

    private async Task<string> ExchangeAsync(IReadOnlyList<string> pieces)
    {
        using var socket = await ConnectAsync();
        foreach (var piece in pieces)
        {
            await SendAsync(socket, piece);
            await Task.Yield();
        }

        return await ReadToEndAsync(socket);
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(_server.LocalEndPoint, _timeout.Token);
        return socket;
    }

    private async Task SendAsync(Socket socket, string text) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, _timeout.Token);

    // Everything up to the server's FIN: a reset here would throw and fail the test.
    private async Task<string> ReadToEndAsync(Socket socket)
    {
        var all = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, _timeout.Token)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(all.ToArray());
    }
}
