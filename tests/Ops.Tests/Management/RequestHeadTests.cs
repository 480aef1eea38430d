using System.Net;
using System.Text;
using VMessPlugins.Host.Management.Http;

namespace VMessPlugins.Tests.Ops.Tests.Management;

public sealed class RequestHeadTests
{
    [Fact]
    public void AbsoluteTarget_IsReducedToPathAndQuery_WithPlusAndPercentDecoded()
    {
        var head = Parse("DELETE http://127.0.0.1:9/users?inbound=vmess-in&email=a%40b.c&note=two+words HTTP/1.1\r\ncontent-length: 0\r\nAUTHORIZATION: Bearer x");

        Assert.Equal(("DELETE", "/users", "Bearer x", 0L), (head.Method, head.Path, head.Authorization, head.ContentLength));
        Assert.Equal("a@b.c", head.Query["email"]);
        Assert.Equal("two words", head.Query["note"]);
    }

    [Theory]
    [InlineData("GET /x HTTP/2", HttpStatusCode.BadRequest)]
    [InlineData("GET  /x HTTP/1.1", HttpStatusCode.BadRequest)]
    [InlineData("GET /x HTTP/1.1\r\nno colon here", HttpStatusCode.BadRequest)]
    [InlineData("GET /x HTTP/1.1\r\nContent-Length: -1", HttpStatusCode.BadRequest)]
    [InlineData("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked", HttpStatusCode.LengthRequired)]
    public void Unreadable_IsAnErrorWithItsStatus(string text, HttpStatusCode expected)
    {
        Assert.False(RequestHead.TryParse(Encoding.Latin1.GetBytes(text), out var head, out var status, out var error));
        Assert.Null(head);
        Assert.Equal(expected, status);
        Assert.NotEmpty(error);
    }

    private static RequestHead Parse(string text)
    {
        Assert.True(RequestHead.TryParse(Encoding.Latin1.GetBytes(text), out var head, out _, out var error), error);
        return head!;
    }
}
