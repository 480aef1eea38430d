using System.Runtime.CompilerServices;

// The ops tests exercise the link and QR code internals directly.
[assembly: InternalsVisibleTo("Ops.Tests")]
