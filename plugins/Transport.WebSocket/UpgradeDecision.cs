namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>What the server answers to one HTTP request on the WebSocket endpoint.</summary>
internal enum UpgradeDecision
{
    /// <summary>101: a valid upgrade to the configured path.</summary>
    Upgrade,

    /// <summary>404, and the connection may carry another request.</summary>
    NotFound,

    /// <summary>400 and close: not HTTP, or not a WebSocket upgrade, or a bad version/key.</summary>
    BadRequest,

    /// <summary>405 and close: an upgrade with a method other than GET.</summary>
    MethodNotAllowed,
}
