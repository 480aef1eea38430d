using System.Runtime.CompilerServices;

namespace VMessPlugins.Host.Runtime;

/// <summary>Compares by reference, for keys that are records (equal plans are still different inbounds).</summary>
internal sealed class IdentityComparer<T> : IEqualityComparer<T>
    where T : class
{
    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
