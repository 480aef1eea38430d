namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

/// <summary>The generator's annotation of one chunk on a vector's wire.</summary>
internal sealed record BodyVectorChunk(int Offset, int DataLength, int PaddingLength, int SealedLength, bool EndOfStream);
