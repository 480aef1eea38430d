using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace VMessPlugins.Tests.Host.Tests.Support;

/// <summary>
/// Rewrites the major version of an assembly's reference to VMessPlugins.Abstractions in place, to
/// stand for a plugin built against another major version without building one.
/// </summary>
internal static class AbstractionsReferencePatcher
{
    public static void SetMajor(string assemblyPath, ushort major)
    {
        long offset;
        using (var stream = File.OpenRead(assemblyPath))
        using (var pe = new PEReader(stream))
        {
            var metadata = pe.GetMetadataReader();
            var handle = metadata.AssemblyReferences
                .First(h => metadata.GetString(metadata.GetAssemblyReference(h).Name) == "VMessPlugins.Abstractions");
            var row = MetadataTokens.GetRowNumber(handle);

            // The AssemblyRef row starts with MajorVersion (a little-endian ushort).
            offset = pe.PEHeaders.MetadataStartOffset
                + metadata.GetTableMetadataOffset(TableIndex.AssemblyRef)
                + ((row - 1) * metadata.GetTableRowSize(TableIndex.AssemblyRef));
        }

        using var file = File.Open(assemblyPath, FileMode.Open, FileAccess.ReadWrite);
        Span<byte> value = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(value, major);
        file.Position = offset;
        file.Write(value);
    }
}
